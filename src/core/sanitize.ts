import { finishTree, KEPT_ELEMENTS, UNWRAPPED_ELEMENTS } from './sanitize-policy.js';

export { decodeEntities } from './named-references.js';
export { textToFragment } from './text-fragment.js';

/** Which engine did the sanitizing. */
export type SanitizerEngine = 'native' | 'dompurify';

/** Turns untrusted message HTML into safe DOM. */
export interface HtmlSanitizer {
  /** The engine in use: the browser's HTML Sanitizer API or DOMPurify. */
  readonly engine: SanitizerEngine;
  /**
   * Untrusted HTML → safe DocumentFragment: chat allowlist (p, br, b/strong, i/em, u, s, code, pre,
   * ul/ol/li, blockquote, a, span), links forced to http/https/mailto with rel="noopener noreferrer"
   * target="_blank", <mention id type value> → <span class="mention" data-mention-id>, entities
   * decoded, everything else dropped (scripts, handlers, styles, iframes, images...).
   */
  toFragment(html: string): DocumentFragment;
}

/** How to choose the engine. */
export interface LoadSanitizerOptions {
  /** 'auto' (default): native where the browser has it and accepts the allowlist, else DOMPurify. */
  engine?: 'auto' | SanitizerEngine;
}

/** The Sanitizer API's configuration dictionary (WICG spec shape). */
interface SanitizerConfig {
  elements: { name: string; attributes: string[] }[];
  replaceWithChildrenElements: string[];
  attributes: string[];
  comments: boolean;
  dataAttributes: boolean;
}

type SetHtml = (html: string, options: { sanitizer: SanitizerConfig }) => void;

const NATIVE_CONFIG: SanitizerConfig = {
  elements: Object.entries(KEPT_ELEMENTS).map(([name, attributes]) => ({ name, attributes: [...attributes] })),
  replaceWithChildrenElements: [...UNWRAPPED_ELEMENTS],
  attributes: [],
  comments: false,
  dataAttributes: false,
};

const loaded = new Map<string, Promise<HtmlSanitizer>>();

/**
 * Loads the sanitizer: the native HTML Sanitizer API (Element.setHTML) where present, else
 * DOMPurify by dynamic import (kept out of the elements' critical path). Idempotent.
 */
export function loadSanitizer(options: LoadSanitizerOptions = {}): Promise<HtmlSanitizer> {
  const engine = options.engine ?? 'auto';
  let sanitizer = loaded.get(engine);
  if (!sanitizer) {
    sanitizer = create(engine);
    loaded.set(engine, sanitizer);
    // A failed load (say, a chunk that did not download) may be retried by the next caller.
    sanitizer.catch(() => loaded.delete(engine));
  }
  return sanitizer;
}

async function create(engine: 'auto' | SanitizerEngine): Promise<HtmlSanitizer> {
  if (engine !== 'dompurify') {
    const native = nativeSanitizer();
    if (native) return native;
    if (engine === 'native') throw new Error('this browser has no usable HTML Sanitizer API (Element.setHTML)');
  }
  return domPurifySanitizer();
}

/** An inert document: parsing into it runs no scripts and loads no resources. */
function inertDocument(): Document {
  return document.implementation.createHTMLDocument('');
}

/** Moves a finished tree into a fragment of the page's own document. */
function toPageFragment(root: ParentNode): DocumentFragment {
  finishTree(root);
  const fragment = document.createDocumentFragment();
  fragment.append(...root.childNodes);
  return fragment;
}

/** The native engine, if `setHTML` exists and honours our allowlist (checked once on a probe). */
function nativeSanitizer(): HtmlSanitizer | undefined {
  const setHtml = (Element.prototype as Element & { setHTML?: SetHtml }).setHTML;
  if (typeof setHtml !== 'function') return undefined;
  const doc = inertDocument();
  const sanitize = (html: string): HTMLElement => {
    const container = doc.createElement('div');
    setHtml.call(container, html, { sanitizer: NATIVE_CONFIG });
    return container;
  };
  try {
    const probe = sanitize('<p title="t">a<b onclick="x()">b</b></p><mention id="m" type="user">@M</mention><font>c</font><img src="x">');
    const ok =
      probe.querySelector('p')?.hasAttribute('title') === false &&
      probe.querySelector('b')?.hasAttribute('onclick') === false &&
      probe.querySelector('mention')?.getAttribute('id') === 'm' &&
      !probe.querySelector('font, img') &&
      probe.textContent === 'ab@Mc';
    if (!ok) return undefined;
  } catch {
    return undefined; // the browser rejected the configuration: DOMPurify it is
  }
  return { engine: 'native', toFragment: (html) => toPageFragment(sanitize(html)) };
}

async function domPurifySanitizer(): Promise<HtmlSanitizer> {
  const { default: DOMPurify } = await import('dompurify');
  const config = {
    // '#text' must be named once KEEP_CONTENT is off, or DOMPurify drops every text node.
    ALLOWED_TAGS: ['#text', ...Object.keys(KEPT_ELEMENTS), ...UNWRAPPED_ELEMENTS],
    ALLOWED_ATTR: [...new Set(Object.values(KEPT_ELEMENTS).flat())],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    // Like the native engine: elements off the list go with their content.
    KEEP_CONTENT: false,
    RETURN_DOM_FRAGMENT: true as const,
  };
  return {
    engine: 'dompurify',
    toFragment: (html) => toPageFragment(DOMPurify.sanitize(html, config)),
  };
}
