/**
 * True while the page is hidden. Its timers then run a second or more late (Chrome's intensive
 * throttling, up to a minute), so work batched behind a few-millisecond timer is done at once.
 */
export function pageHidden(): boolean {
  return globalThis.document?.hidden === true;
}
