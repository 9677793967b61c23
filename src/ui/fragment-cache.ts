/**
 * Sanitized bodies as ready DOM, built once per message object and reused while it is on screen
 * (Lit renders a Node value as is, and skips it when the same node comes again).
 */
export class FragmentCache<K extends object> {
  #nodes = new WeakMap<K, HTMLElement>();

  /** The cached node for `key`, built by `build` the first time. */
  get(key: K, build: () => DocumentFragment, className = 'body'): HTMLElement {
    let node = this.#nodes.get(key);
    if (!node) {
      node = document.createElement('div');
      node.className = className;
      node.append(build());
      this.#nodes.set(key, node);
    }
    return node;
  }

  /** Forgets everything (after the sanitizer loaded, so text fallbacks get rebuilt). */
  clear(): void {
    this.#nodes = new WeakMap();
  }
}
