import { type Clock, systemClock, type Timer } from './clock.js';
import { TypedEmitter } from './typed-events.js';

/** Where a pending send is: 'sent' = handed to the transport, awaiting the server echo. */
export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed';

/** One message the user sent that the server has not confirmed yet. */
export interface OutboxItem<P> {
  /** Idempotency key, the same on every resend, so the server echo can be matched. */
  clientId: string;
  /** What to send. */
  payload: P;
  /** Where the send is. */
  state: OutboxState;
  /** Times it was handed to `transmit`. */
  attempts: number;
  /** When it was enqueued (or restored), ms epoch. */
  createdAt: number;
  /** Why the last attempt failed. */
  error?: string;
}

/** Settings of an `Outbox`. */
export interface OutboxOptions<P> {
  /** Hands an item to the transport; resolves when handed over, rejects on failure. */
  transmit: (item: OutboxItem<P>) => Promise<void>;
  /** Time source; the page's shared clock by default. */
  clock?: Clock;
  /** Failed attempts (rejections or missing echoes) before an item is `failed`; default 3. */
  maxAttempts?: number;
  /** No echo within this many ms → resend with the same clientId (or fail); default 15_000. */
  confirmTimeoutMs?: number;
  /** Wait before retrying a rejected transmit is this × attempts, in ms; default 1000. */
  retryDelayMs?: number;
  /** Whether the transport is up at construction; default true. */
  online?: boolean;
  /** Persistence across reloads (payloads and client ids only, never tokens). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Key under which `storage` keeps the items; default 'avaya-chat-elements:outbox'. */
  storageKey?: string;
  /** Validates a payload read back from storage; undefined drops it. Default: any value. */
  restorePayload?: (value: unknown) => P | undefined;
  /** Makes client ids; a random UUID by default. */
  newId?: () => string;
}

/** Events of an `Outbox`, by name. */
export type OutboxEvents<P> = {
  change: { items: readonly OutboxItem<P>[] };
  confirmed: { item: OutboxItem<P> };
  failed: { item: OutboxItem<P> };
};

const LOG_PREFIX = '[avaya-chat-elements]';
const STORAGE_VERSION = 1;

/** Internal record: the public item plus the timers that act on it. */
interface Entry<P> extends OutboxItem<P> {
  /** Not to be transmitted before this time (a retry delay). */
  notBefore: number;
  confirmTimer?: Timer;
}

/**
 * Messages on their way to the server: each gets a client id, is transmitted in order while
 * online, stays until the server's echo confirms it, is resent with the SAME client id after a
 * reconnect or a missing echo, and is marked failed (for a retry button) after `maxAttempts`.
 * With `storage`, what the user typed survives a page reload.
 */
export class Outbox<P> extends TypedEmitter<OutboxEvents<P>> {
  readonly #transmit: (item: OutboxItem<P>) => Promise<void>;
  readonly #clock: Clock;
  readonly #maxAttempts: number;
  readonly #confirmTimeoutMs: number;
  readonly #retryDelayMs: number;
  readonly #storage: OutboxOptions<P>['storage'];
  readonly #storageKey: string;
  readonly #newId: () => string;
  #entries: Entry<P>[] = [];
  #online: boolean;
  #inFlight: Entry<P> | undefined;
  #wakeTimer: Timer | undefined;
  #disposed = false;
  #storageBroken = false;

  constructor(options: OutboxOptions<P>) {
    super();
    this.#transmit = options.transmit;
    this.#clock = options.clock ?? systemClock;
    this.#maxAttempts = options.maxAttempts ?? 3;
    this.#confirmTimeoutMs = options.confirmTimeoutMs ?? 15_000;
    this.#retryDelayMs = options.retryDelayMs ?? 1000;
    this.#online = options.online ?? true;
    this.#storage = options.storage;
    this.#storageKey = options.storageKey ?? 'avaya-chat-elements:outbox';
    this.#newId = options.newId ?? randomId;
    this.#restore(options.restorePayload ?? ((value) => value as P));
    this.#pump();
  }

  /** Every pending item, oldest first (snapshots). */
  get items(): readonly OutboxItem<P>[] {
    return this.#entries.map(snapshot);
  }

  /** Whether items are being transmitted. */
  get online(): boolean {
    return this.#online;
  }

  /** Adds a message; it is transmitted at once when online and nothing is ahead of it. */
  enqueue(payload: P): OutboxItem<P> {
    const entry: Entry<P> = { clientId: this.#newId(), payload, state: 'queued', attempts: 0, createdAt: this.#clock.now(), notBefore: 0 };
    this.#entries.push(entry);
    this.#changed();
    this.#pump();
    return snapshot(entry);
  }

  /** The server echo arrived: removes the item whatever its state; undefined if unknown. */
  confirm(clientId: string): OutboxItem<P> | undefined {
    const entry = this.#take(clientId);
    if (!entry) return undefined;
    const item = snapshot(entry);
    this.emit('confirmed', { item });
    this.#changed();
    this.#pump();
    return item;
  }

  /** Offline: hold everything. Back online: resend unconfirmed items and flush the queue, in order. */
  setOnline(online: boolean): void {
    if (this.#online === online) return;
    this.#online = online;
    if (!online) {
      for (const entry of this.#entries) this.#cancelConfirm(entry);
      return;
    }
    let requeued = false;
    for (const entry of this.#entries) {
      // The echo may have been lost with the connection; the same clientId lets the server de-duplicate.
      if (entry.state === 'sent') {
        entry.state = 'queued';
        entry.notBefore = 0;
        requeued = true;
      }
    }
    if (requeued) this.#changed();
    this.#pump();
  }

  /** Puts a failed item back in the queue with its attempts reset (the retry button). */
  retry(clientId: string): void {
    const entry = this.#entries.find((e) => e.clientId === clientId);
    if (!entry || entry.state !== 'failed') return;
    entry.state = 'queued';
    entry.attempts = 0;
    entry.notBefore = 0;
    delete entry.error;
    this.#changed();
    this.#pump();
  }

  /** Forgets an item in any state (the user gave up on it). */
  discard(clientId: string): void {
    if (!this.#take(clientId)) return;
    this.#changed();
    this.#pump();
  }

  /** Cancels timers and stops transmitting; stored items stay for the next page load. */
  dispose(): void {
    this.#disposed = true;
    this.#wakeTimer?.cancel();
    this.#wakeTimer = undefined;
    for (const entry of this.#entries) this.#cancelConfirm(entry);
  }

  #take(clientId: string): Entry<P> | undefined {
    const index = this.#entries.findIndex((e) => e.clientId === clientId);
    if (index === -1) return undefined;
    const [entry] = this.#entries.splice(index, 1);
    this.#cancelConfirm(entry!);
    if (this.#inFlight === entry) this.#inFlight = undefined;
    return entry;
  }

  /** Transmits the oldest queued item, one at a time so the server sees them in order. */
  #pump(): void {
    if (this.#disposed || !this.#online || this.#inFlight) return;
    this.#wakeTimer?.cancel();
    this.#wakeTimer = undefined;
    const next = this.#entries.find((e) => e.state === 'queued');
    if (!next) return;
    const wait = next.notBefore - this.#clock.now();
    if (wait > 0) {
      // Later items wait behind it, or they would overtake it.
      this.#wakeTimer = this.#clock.setTimeout(() => {
        this.#wakeTimer = undefined;
        this.#pump();
      }, wait);
      return;
    }
    void this.#send(next);
  }

  async #send(entry: Entry<P>): Promise<void> {
    this.#inFlight = entry;
    entry.state = 'sending';
    entry.attempts += 1;
    this.#changed();
    let failure: unknown;
    let ok = true;
    try {
      await this.#transmit(snapshot(entry));
    } catch (error) {
      ok = false;
      failure = error;
    }
    if (this.#inFlight !== entry) return; // confirmed or discarded meanwhile
    this.#inFlight = undefined;
    if (this.#disposed) return;
    if (ok) {
      entry.state = 'sent';
      delete entry.error;
      if (this.#online) this.#armConfirm(entry);
    } else {
      entry.error = failure instanceof Error ? failure.message : String(failure);
      this.#failedAttempt(entry, this.#retryDelayMs * entry.attempts);
    }
    this.#changed();
    this.#pump();
  }

  /** After a rejection or a missing echo: queue again, or mark failed once attempts run out. */
  #failedAttempt(entry: Entry<P>, delayMs: number): void {
    if (entry.attempts >= this.#maxAttempts) {
      entry.state = 'failed';
      this.emit('failed', { item: snapshot(entry) });
      return;
    }
    entry.state = 'queued';
    entry.notBefore = this.#clock.now() + delayMs;
  }

  #armConfirm(entry: Entry<P>): void {
    this.#cancelConfirm(entry);
    entry.confirmTimer = this.#clock.setTimeout(() => {
      entry.confirmTimer = undefined;
      if (entry.state !== 'sent' || !this.#online) return;
      entry.error = `no confirmation within ${this.#confirmTimeoutMs} ms`;
      this.#failedAttempt(entry, 0);
      this.#changed();
      this.#pump();
    }, this.#confirmTimeoutMs);
  }

  #cancelConfirm(entry: Entry<P>): void {
    entry.confirmTimer?.cancel();
    entry.confirmTimer = undefined;
  }

  #changed(): void {
    this.#persist();
    this.emit('change', { items: this.items });
  }

  #persist(): void {
    if (!this.#storage || this.#storageBroken) return;
    try {
      if (this.#entries.length === 0) {
        this.#storage.removeItem(this.#storageKey);
        return;
      }
      const items = this.#entries.map(({ clientId, payload }) => ({ clientId, payload }));
      this.#storage.setItem(this.#storageKey, JSON.stringify({ version: STORAGE_VERSION, items }));
    } catch (error) {
      // Quota or private mode: keep working in memory, and say so once.
      this.#storageBroken = true;
      console.warn(`${LOG_PREFIX} the outbox cannot be saved; unsent messages will not survive a reload`, error);
    }
  }

  #restore(restorePayload: (value: unknown) => P | undefined): void {
    if (!this.#storage) return;
    let raw: string | null;
    try {
      raw = this.#storage.getItem(this.#storageKey);
    } catch (error) {
      console.warn(`${LOG_PREFIX} the saved outbox could not be read`, error);
      return;
    }
    if (raw === null) return;
    const stored = parseStored(raw);
    if (!stored) {
      console.warn(`${LOG_PREFIX} ignored a corrupt saved outbox`);
      return;
    }
    const now = this.#clock.now();
    const seen = new Set<string>();
    for (const { clientId, payload: value } of stored) {
      const payload = value === undefined ? undefined : restorePayload(value);
      if (payload === undefined || seen.has(clientId)) {
        console.warn(`${LOG_PREFIX} ignored an invalid saved outbox item`);
        continue;
      }
      seen.add(clientId);
      this.#entries.push({ clientId, payload, state: 'queued', attempts: 0, createdAt: now, notBefore: 0 });
    }
  }
}

/** The stored items when `raw` has the expected shape (bad entries are left for the caller to skip). */
function parseStored(raw: string): { clientId: string; payload: unknown }[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const { version, items } = value as { version?: unknown; items?: unknown };
  if (version !== STORAGE_VERSION || !Array.isArray(items)) return undefined;
  const valid: { clientId: string; payload: unknown }[] = [];
  for (const item of items as unknown[]) {
    if (item && typeof item === 'object' && typeof (item as { clientId?: unknown }).clientId === 'string' && (item as { clientId: string }).clientId !== '') {
      valid.push({ clientId: (item as { clientId: string }).clientId, payload: (item as { payload?: unknown }).payload });
    } else {
      console.warn(`${LOG_PREFIX} ignored an invalid saved outbox item`);
    }
  }
  return valid;
}

function snapshot<P>(entry: Entry<P>): OutboxItem<P> {
  const item: OutboxItem<P> = { clientId: entry.clientId, payload: entry.payload, state: entry.state, attempts: entry.attempts, createdAt: entry.createdAt };
  if (entry.error !== undefined) item.error = entry.error;
  return item;
}

/** A random client id; `randomUUID` needs a secure context, so fall back to random bytes. */
function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
