import type { MessagesPage } from './wire-client.js';
import type { Message } from './types.js';

/** Fetches one page of the transcript, newest first. */
export type PageFetcher = (pageNumber: number, pageSize: number) => Promise<MessagesPage>;

/**
 * Pages through an engagement's transcript as it was when created (the vendor's PageIterator):
 * `items` starts with the newest page, `previous()` goes back in time, `next()` forward again.
 * Pages are windows of `messageIndex`, so messages that arrive later neither appear nor shift
 * the windows; the server's newest-first page numbers are recomputed from its current total.
 */
export class PageIterator {
  readonly #fetch: PageFetcher;
  readonly #pageSize: number;
  #snapshotCount = 0;
  #serverCount = 0;
  #low = 0;
  #high = 0;
  #items: Message[] = [];

  private constructor(fetch: PageFetcher, pageSize: number) {
    this.#fetch = fetch;
    this.#pageSize = pageSize;
  }

  /** Loads the newest page. */
  static async open(fetch: PageFetcher, pageSize: number): Promise<PageIterator> {
    const iterator = new PageIterator(fetch, pageSize);
    const first = await fetch(1, pageSize);
    const newest = first.messages.reduce((max, m) => Math.max(max, m.messageIndex + 1), 0);
    iterator.#snapshotCount = first.totalCount ?? newest;
    iterator.#serverCount = iterator.#snapshotCount;
    iterator.#high = iterator.#snapshotCount;
    iterator.#low = Math.max(0, iterator.#high - pageSize);
    iterator.#items = ordered(first.messages, iterator.#low, iterator.#high);
    return iterator;
  }

  /** Messages of the current page, oldest first. */
  get items(): Message[] {
    return [...this.#items];
  }

  /** Page size this iterator was created with. */
  getPageSize(): number {
    return this.#pageSize;
  }

  /** True when older messages exist. */
  hasPrevious(): boolean {
    return this.#low > 0;
  }

  /** True when a newer page (within the snapshot) exists. */
  hasNext(): boolean {
    return this.#high < this.#snapshotCount;
  }

  /** Moves to the older page; resolves with its items. */
  async previous(): Promise<Message[]> {
    if (!this.hasPrevious()) return this.items;
    const low = Math.max(0, this.#low - this.#pageSize);
    await this.#load(low, this.#low);
    return this.items;
  }

  /** Moves to the newer page; resolves with its items. */
  async next(): Promise<Message[]> {
    if (!this.hasNext()) return this.items;
    const high = Math.min(this.#snapshotCount, this.#high + this.#pageSize);
    await this.#load(this.#high, high);
    return this.items;
  }

  async #load(low: number, high: number): Promise<void> {
    const found = new Map<number, Message>();
    // At most a few rounds: each answer corrects our idea of the server's total.
    for (let round = 0; round < 3 && found.size < high - low; round += 1) {
      const pages = new Set([this.#pageOf(high - 1), this.#pageOf(low)]);
      let total = this.#serverCount;
      for (const page of pages) {
        const result = await this.#fetch(page, this.#pageSize);
        for (const m of result.messages) if (m.messageIndex >= low && m.messageIndex < high) found.set(m.messageIndex, m);
        if (result.totalCount !== undefined) total = result.totalCount;
      }
      if (total === this.#serverCount && found.size < high - low) break;
      this.#serverCount = total;
    }
    this.#low = low;
    this.#high = high;
    this.#items = [...found.values()].sort((a, b) => a.messageIndex - b.messageIndex);
  }

  /** The newest-first page holding `index`. */
  #pageOf(index: number): number {
    return Math.floor((this.#serverCount - 1 - index) / this.#pageSize) + 1;
  }
}

function ordered(messages: Message[], low: number, high: number): Message[] {
  return messages.filter((m) => m.messageIndex >= low && m.messageIndex < high).sort((a, b) => a.messageIndex - b.messageIndex);
}
