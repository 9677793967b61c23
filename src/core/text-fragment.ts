// Apart from the sanitizer so that plain-text bodies render without loading it.

/** Plain text → fragment of text nodes with <br> for newlines (never parses HTML). */
export function textToFragment(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (index > 0) fragment.append(document.createElement('br'));
    if (line) fragment.append(document.createTextNode(line));
  });
  return fragment;
}
