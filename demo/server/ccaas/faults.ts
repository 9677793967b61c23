import { HttpError } from '../http/errors.js';

/** A test control: the next N calls fail with a chosen status, so clients' backoff can be exercised. */
export class FaultInjector {
  #remaining = 0;
  #status = 503;

  /** Arms the next `count` calls to fail with `status`. */
  failNext(count: number, status: number): void {
    this.#remaining = count;
    this.#status = status;
  }

  /** Throws the armed failure, if any is left. */
  take(): void {
    if (this.#remaining <= 0) return;
    this.#remaining -= 1;
    const retryable = this.#status >= 500;
    throw new HttpError(this.#status, retryable ? 'Service Unavailable' : 'Injected Failure', `failure injected by a test control (${this.#remaining} left)`, retryable ? { 'retry-after': '1' } : {});
  }
}
