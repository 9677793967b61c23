import snarkdown from 'snarkdown';
import { type HtmlSanitizer, textToFragment } from '../../core/sanitize.js';
import type { ChatLine } from '../../controllers/ccaas-chat-controller.js';

/**
 * A message body as safe DOM: PLAINTEXT as text, HTML through the sanitizer, MARKDOWN rendered by
 * snarkdown and then sanitized (snarkdown passes raw HTML through). Until the sanitizer has
 * loaded, rich bodies show as text.
 */
export function bodyFragment(line: ChatLine, sanitizer: HtmlSanitizer | undefined): DocumentFragment {
  if (line.format === 'PLAINTEXT' || !sanitizer) return textToFragment(line.text);
  return sanitizer.toFragment(line.format === 'MARKDOWN' ? snarkdown(line.text) : line.text);
}
