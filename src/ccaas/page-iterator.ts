import type { MessagesPage } from './wire-client.js';
import type { Message } from './types.js';

/** Where an iterator's pages come from: numbered newest-first pages, and the platform's `links.next`. */
export interface PageSource {
  /** Page `pageNumber` (1 = newest) of `pageSize` messages. */
  page(pageNumber: number, pageSize: number): Promise<MessagesPage>;
  /** The page at a `links.next` URL the platform gave (already checked to be one of ours). */
  follow(url: string): Promise<MessagesPage>;
}

/** How many `links.next` hops one step may take before it falls back to numbered pages. */
const MAX_HOPS = 4;

/**
 * Pages through an engagement's transcript as it was when created (the vendor's PageIterator):
 * `items` starts with the newest page, `previous()` goes back in time, `next()` forward again.
 * Pages are windows of `messageIndex`, so messages that arrive later neither appear nor shift
 * the windows. Older pages are reached by following the platform's `links.next` (protocols.md
 * §2); when there is none (or it was not ours), or new messages shifted the pages so that a hop
 * misses part of the window, numbered pages are asked for, their numbers recomputed from the
 * server's current total. Every message fetched is kept, so going forward again costs nothing.
 */
export class PageIterator {
  readonly #source: PageSource;
  readonly #pageSize: number;
  readonly #seen = new Map<number, Message>();
  #snapshotCount = 0;
  #serverCount = 0;
  #low = 0;
  #high = 0;
  #items: Message[] = [];
  /** `links.next` of the page that reached furthest back, and how far that was. */
  #older: string | undefined;
  #oldestSeen = Infinity;

  private constructor(source: PageSource, pageSize: number) {
    this.#source = source;
    this.#pageSize = pageSize;
  }

  /** Loads the newest page. */
  static async open(source: PageSource, pageSize: number): Promise<PageIterator> {
    const iterator = new PageIterator(source, pageSize);
    const first = await source.page(1, pageSize);
    const newest = first.messages.reduce((max, m) => Math.max(max, m.messageIndex + 1), 0);
    iterator.#snapshotCount = first.totalCount ?? newest;
    iterator.#serverCount = iterator.#snapshotCount;
    iterator.#high = iterator.#snapshotCount;
    iterator.#low = Math.max(0, iterator.#high - pageSize);
    iterator.#take(first, true);
    iterator.#items = iterator.#window(iterator.#low, iterator.#high);
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
    await this.#follow(low, this.#low);
    await this.#load(low, this.#low);
    this.#move(low, this.#low);
    return this.items;
  }

  /** Moves to the newer page; resolves with its items. */
  async next(): Promise<Message[]> {
    if (!this.hasNext()) return this.items;
    const high = Math.min(this.#snapshotCount, this.#high + this.#pageSize);
    await this.#load(this.#high, high);
    this.#move(this.#high, high);
    return this.items;
  }

  #move(low: number, high: number): void {
    this.#low = low;
    this.#high = high;
    this.#items = this.#window(low, high);
  }

  #missing(low: number, high: number): number {
    let missing = 0;
    for (let i = low; i < high; i += 1) if (!this.#seen.has(i)) missing += 1;
    return missing;
  }

  /** Follows `links.next` towards `[low, high)`: each hop is one page further back. */
  async #follow(low: number, high: number): Promise<void> {
    for (let hop = 0; hop < MAX_HOPS && this.#older && this.#oldestSeen > low && this.#missing(low, high) > 0; hop += 1) {
      const url = this.#older;
      this.#older = undefined;
      this.#take(await this.#source.follow(url), true);
    }
  }

  /** Fetches numbered pages for whatever of `[low, high)` is still missing. */
  async #load(low: number, high: number): Promise<void> {
    // At most a few rounds: each answer corrects our idea of the server's total.
    for (let round = 0; round < 3 && this.#missing(low, high) > 0; round += 1) {
      const before = this.#serverCount;
      for (const page of new Set([this.#pageOf(high - 1), this.#pageOf(low)])) this.#take(await this.#source.page(page, this.#pageSize), false);
      if (this.#serverCount === before) break;
    }
  }

  /** Keeps a page's messages of the snapshot; a page from the chain (or reaching further back) carries it on. */
  #take(page: MessagesPage, chained: boolean): void {
    let oldest = Infinity;
    for (const m of page.messages) {
      if (m.messageIndex < this.#snapshotCount) this.#seen.set(m.messageIndex, m);
      oldest = Math.min(oldest, m.messageIndex);
    }
    if (page.totalCount !== undefined) this.#serverCount = page.totalCount;
    if (chained || oldest < this.#oldestSeen) this.#older = page.messages.length ? page.nextUrl : undefined;
    this.#oldestSeen = Math.min(this.#oldestSeen, oldest);
  }

  #window(low: number, high: number): Message[] {
    const items: Message[] = [];
    for (let i = low; i < high; i += 1) {
      const m = this.#seen.get(i);
      if (m) items.push(m);
    }
    return items;
  }

  /** The newest-first page holding `index`. */
  #pageOf(index: number): number {
    return Math.floor((this.#serverCount - 1 - index) / this.#pageSize) + 1;
  }
}
