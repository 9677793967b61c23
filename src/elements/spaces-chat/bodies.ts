import { decodeReferences } from '../../core/char-references.js';
import type { HtmlSanitizer } from '../../core/sanitize.js';
import { textToFragment } from '../../core/text-fragment.js';
import type { SpacesMessage } from '../../spaces/types.js';
import { FragmentCache } from '../../ui/fragment-cache.js';

/**
 * Message bodies and descriptions as ready DOM. Bodies from the vendor's web client are HTML and
 * go through the sanitizer; bodies from phones and sockets are plain text and become text nodes.
 * Until the sanitizer has loaded, HTML shows as its text with the tags cut out: no HTML parser is
 * involved, so nothing in it can run and a Trusted Types policy has nothing to refuse. Plain text
 * has its character references decoded: the common ones at once, all of them once the sanitizer's
 * module (which holds the full table) has loaded.
 */
export class MessageBodies {
  #sanitizer: HtmlSanitizer | undefined;
  #decode: (text: string) => string = decodeReferences;
  readonly #bodies = new FragmentCache<SpacesMessage>();
  readonly #descriptions = new FragmentCache<SpacesMessage>();

  /** The sanitizer, once loaded (what was built before it is rebuilt). */
  set sanitizer(sanitizer: HtmlSanitizer) {
    this.#sanitizer = sanitizer;
    this.#rebuild();
  }

  /** The full decoder of character references, once loaded (what was built before it is rebuilt). */
  set decode(decode: (text: string) => string) {
    this.#decode = decode;
    this.#rebuild();
  }

  /** A plain-text field (a card's title) with its character references decoded. */
  text(source: string): string {
    return this.#decode(source);
  }

  /** The message's body. */
  body(message: SpacesMessage): Node | string {
    return this.#html(this.#bodies, message, message.content.bodyText, 'body');
  }

  /** The post's or task's description. */
  description(message: SpacesMessage): Node | string {
    return this.#html(this.#descriptions, message, message.content.description ?? '', 'body description');
  }

  #rebuild(): void {
    this.#bodies.clear();
    this.#descriptions.clear();
  }

  /** Built once per message object and field: a re-render reuses the node, it never sanitizes again. */
  #html(cache: FragmentCache<SpacesMessage>, message: SpacesMessage, source: string, className: string): Node | string {
    if (!looksLikeHtml(source)) return cache.get(message, () => textToFragment(this.#decode(source)), className);
    const sanitizer = this.#sanitizer;
    if (!sanitizer) return htmlAsText(source);
    return cache.get(message, () => sanitizer.toFragment(source), className);
  }
}

/** The text of an HTML body, for display as text: scripts and styles dropped, block ends as spaces, common entities decoded. */
export function htmlAsText(source: string): string {
  const text = source
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\b[^>]*>|<\/(?:p|div|li|pre|blockquote|h[1-6])\s*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeReferences(text).replace(/\s+/g, ' ').trim();
}

function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][\s\S]*>/i.test(text);
}
