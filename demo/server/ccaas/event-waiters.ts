/** Why a long-poll wait ended. */
export type WaitOutcome = 'notified' | 'timeout' | 'aborted';

interface Waiter {
  finish(outcome: WaitOutcome): void;
}

/**
 * Long-poll requests parked per session until something happens to that session, their window
 * runs out, or their client goes away (then the waiter is dropped at once, holding nothing).
 */
export class EventWaiters {
  readonly #bySession = new Map<string, Set<Waiter>>();

  /** Waits up to `windowMs` for `notify(sessionId)`; an aborted `signal` ends the wait early. */
  wait(sessionId: string, windowMs: number, signal: AbortSignal): Promise<WaitOutcome> {
    return new Promise((resolve) => {
      if (signal.aborted) {
        resolve('aborted');
        return;
      }
      let set = this.#bySession.get(sessionId);
      if (!set) this.#bySession.set(sessionId, (set = new Set()));
      const waiters = set;
      const onAbort = () => waiter.finish('aborted');
      const timer = setTimeout(() => waiter.finish('timeout'), windowMs);
      timer.unref();
      const waiter: Waiter = {
        finish: (outcome) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          waiters.delete(waiter);
          if (waiters.size === 0 && this.#bySession.get(sessionId) === waiters) this.#bySession.delete(sessionId);
          resolve(outcome);
        },
      };
      waiters.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Wakes every request waiting on a session (new events, or the session ended). */
  notify(sessionId: string): void {
    for (const waiter of [...(this.#bySession.get(sessionId) ?? [])]) waiter.finish('notified');
  }

  /** How many requests wait on a session. */
  count(sessionId: string): number {
    return this.#bySession.get(sessionId)?.size ?? 0;
  }

  /** Ends every wait (as a timeout, so each request still gets an answer). */
  close(): void {
    for (const sessionId of [...this.#bySession.keys()]) {
      for (const waiter of [...(this.#bySession.get(sessionId) ?? [])]) waiter.finish('timeout');
    }
  }
}
