/** A scroll this soon after the reader's wheel, touch or scrolling key is theirs. */
const READER_MS = 1000;
/** Keys that scroll a focused list. */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);
/** What ends a held scrollbar or finger, wherever the pointer is by then. */
const RELEASES = ['pointerup', 'pointercancel', 'touchend', 'touchcancel'];

/**
 * Tells the reader's own scrolling of the message list apart from the list moving by itself (rows
 * measured or added, the element following the end): a wheel, a scrolling key on the list, a
 * finger on it or its scrollbar held count; a click on a card or a key typed in it does not.
 */
export class ReaderScroll {
  #at = -Infinity;
  #holding = false;

  /** Listener for the list's wheel, keydown, pointerdown and touchstart; passive, so scrolling never waits for it. */
  readonly listener = { passive: true, handleEvent: (event: Event): void => this.#note(event) };

  /** Whether the reader is scrolling at `now` (a performance.now() time, as an event's timeStamp is). */
  active(now: number): boolean {
    return this.#holding || now - this.#at < READER_MS;
  }

  /** Notes a scroll of the list: while the reader holds it, each one keeps them active. */
  scrolled(at: number): void {
    if (this.#holding) this.#at = at;
  }

  #note(event: Event): void {
    const list = event.currentTarget as HTMLElement;
    if (event.type === 'keydown' && (event.target !== list || !SCROLL_KEYS.has((event as KeyboardEvent).key))) return;
    // Only a press on the scrollbar (right of the content box) scrolls.
    if (event.type === 'pointerdown' && (event.target !== list || (event as PointerEvent).offsetX < list.clientWidth)) return;
    this.#at = event.timeStamp;
    if (event.type === 'pointerdown' || event.type === 'touchstart') this.#hold();
  }

  #hold(): void {
    if (this.#holding) return;
    this.#holding = true;
    const release = (event: Event): void => {
      this.#holding = false;
      this.#at = event.timeStamp;
      for (const type of RELEASES) removeEventListener(type, release, true);
    };
    for (const type of RELEASES) addEventListener(type, release, true);
  }
}
