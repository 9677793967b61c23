import { decodeEntities, textToFragment, type HtmlSanitizer } from '../../core/sanitize.js';
import type { SpacesMessage } from '../../spaces/types.js';
import { FragmentCache } from '../../ui/fragment-cache.js';

/**
 * Message bodies and descriptions as ready DOM. Bodies from the vendor's web client are HTML and
 * go through the sanitizer; bodies from phones and sockets are plain text and become text nodes.
 */
export class MessageBodies {
  #sanitizer: HtmlSanitizer | undefined;
  readonly #bodies = new FragmentCache<SpacesMessage>();

  /** The sanitizer, once loaded (text fallbacks built before it are rebuilt). */
  set sanitizer(sanitizer: HtmlSanitizer) {
    this.#sanitizer = sanitizer;
    this.#bodies.clear();
  }

  /** The message's body. */
  body(message: SpacesMessage): Node | string {
    return this.#html(message, message.content.bodyText);
  }

  /** The post's or task's description. */
  description(message: SpacesMessage): Node | string {
    return this.#html(message, message.content.description ?? '');
  }

  #html(message: SpacesMessage, source: string): Node | string {
    if (!looksLikeHtml(source)) return this.#bodies.get(message, () => textToFragment(decodeEntities(source)), source === message.content.bodyText ? 'body' : 'body description');
    const sanitizer = this.#sanitizer;
    // Until the sanitizer is loaded, show the text content from an inert document (nothing in it runs or loads).
    if (!sanitizer) return new DOMParser().parseFromString(source, 'text/html').body.textContent ?? '';
    if (source !== message.content.bodyText) return sanitizer.toFragment(source);
    return this.#bodies.get(message, () => sanitizer.toFragment(source));
  }
}

function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][\s\S]*>/i.test(text);
}
