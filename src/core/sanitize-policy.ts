/**
 * The chat allowlist shared by both sanitizer engines, and the DOM walk that finishes their output
 * the same way: links checked and opened safely, `<mention>` turned into a span, anything off the
 * list unwrapped or removed. The walk runs after a real sanitizer; it is a second line, never the first.
 */

/** Elements kept, with the attributes each may carry (before the walk rewrites them). */
export const KEPT_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  p: [],
  br: [],
  b: [],
  strong: [],
  i: [],
  em: [],
  u: [],
  s: [],
  code: [],
  pre: [],
  ul: [],
  ol: [],
  li: [],
  blockquote: [],
  a: ['href'],
  span: [],
  mention: ['id', 'type', 'value'],
};

/** Harmless containers whose text is kept without the element (headings, divs, tables...). */
export const UNWRAPPED_ELEMENTS: readonly string[] = [
  'div', 'font', 'center', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'small', 'big', 'sub', 'sup', 'mark', 'abbr', 'cite', 'dfn',
  'kbd', 'samp', 'var', 'q', 'del', 'ins', 'strike', 'tt', 'label', 'time', 'bdi', 'bdo', 'figure',
  'figcaption', 'address', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'dl', 'dt', 'dd',
];

const UNWRAPPED = new Set(UNWRAPPED_ELEMENTS);
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Rewrites a sanitized tree in place so both engines give the same, chat-ready result. */
export function finishTree(root: ParentNode): void {
  for (const child of [...root.childNodes]) finishNode(child);
}

function finishNode(node: ChildNode): void {
  if (node.nodeType === Node.TEXT_NODE) return;
  if (node.nodeType !== Node.ELEMENT_NODE) {
    node.remove(); // comments, processing instructions
    return;
  }
  const element = node as Element;
  const name = element.localName;
  // Only HTML-namespace elements qualify: an <a> or <p> inside foreign content is not what it seems.
  const html = element.namespaceURI === 'http://www.w3.org/1999/xhtml';
  const allowed = html ? KEPT_ELEMENTS[name] : undefined;
  if (!allowed) {
    if (html && UNWRAPPED.has(name)) unwrap(element);
    else element.remove();
    return;
  }
  if (name === 'mention') {
    element.replaceWith(mentionSpan(element));
    return;
  }
  for (const attribute of [...element.attributes]) {
    if (!allowed.includes(attribute.name)) element.removeAttribute(attribute.name);
  }
  if (name === 'a' && !finishLink(element as HTMLAnchorElement)) return;
  finishTree(element);
}

/** Keeps a link only to an absolute http(s) or mailto URL; returns false when it was unwrapped. */
function finishLink(anchor: HTMLAnchorElement): boolean {
  const href = safeHref(anchor.getAttribute('href'));
  if (!href) {
    unwrap(anchor);
    return false;
  }
  anchor.setAttribute('href', href);
  anchor.setAttribute('rel', 'noopener noreferrer');
  anchor.setAttribute('target', '_blank');
  return true;
}

/** The normalized URL when it is absolute and uses an allowed protocol. */
export function safeHref(raw: string | null): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined; // relative or unparseable: it would resolve against the host page
  }
  return LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}

/** `<mention id type value>@Name</mention>` from the vendor's web client → a plain-text span. */
function mentionSpan(mention: Element): HTMLSpanElement {
  const span = mention.ownerDocument.createElement('span');
  span.className = 'mention';
  const id = mention.getAttribute('id');
  const type = mention.getAttribute('type');
  if (id) span.dataset.mentionId = id;
  if (type) span.dataset.mentionType = type;
  span.textContent = mention.textContent ?? '';
  return span;
}

function unwrap(element: Element): void {
  const children = [...element.childNodes];
  element.replaceWith(...children);
  for (const child of children) finishNode(child);
}
