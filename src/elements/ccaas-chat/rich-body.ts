import snarkdown from 'snarkdown';
import { loadSanitizer } from '../../core/sanitize.js';
import type { ChatLine } from '../../controllers/ccaas-chat-controller.js';

/** Renders an HTML or MARKDOWN body to safe DOM. */
export type RichRenderer = (line: ChatLine) => DocumentFragment;

/**
 * Loads what rich bodies need (kept out of the element's first download): HTML goes through the
 * sanitizer; MARKDOWN is rendered by snarkdown and then sanitized, since snarkdown passes raw HTML through.
 */
export async function loadRichRenderer(): Promise<RichRenderer> {
  const sanitizer = await loadSanitizer();
  return (line) => sanitizer.toFragment(line.format === 'MARKDOWN' ? snarkdown(line.text) : line.text);
}
