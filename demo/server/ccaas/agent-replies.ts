import type { MessageBody, TextFormat } from './types.js';

/** What the simulated agent says back, and whether it then leaves. */
export interface AgentReply {
  body: MessageBody;
  /** True when the customer said goodbye: the agent leaves after this message. */
  farewell: boolean;
}

/** The name the simulated agent shows. */
export const AGENT_NAME = 'Sam (Support)';

const ECHO_LIMIT = 200;

const text = (value: string, textFormat: TextFormat): MessageBody => ({ elementType: 'TEXT', elementText: { text: value, textFormat } });

/** The agent's first words after joining. */
export function greeting(customerName: string): MessageBody {
  return text(`Hi ${customerName}, this is Sam from Support. How can I help you today?`, 'PLAINTEXT');
}

/**
 * The agent's answer to a customer message. Deterministic so tests can rely on it:
 * "bye" → goodbye and leave; "link" → HTML; "help" or "list" → Markdown; anything else → plain text.
 */
export function replyTo(customerText: string): AgentReply {
  if (/\bbye\b/i.test(customerText)) {
    return { body: text('Thanks for chatting with us. Goodbye!', 'PLAINTEXT'), farewell: true };
  }
  if (/\blinks?\b/i.test(customerText)) {
    return {
      body: text('<p>Here is the <a href="https://www.avaya.com/en/support/">support page</a> you asked for.</p>', 'HTML'),
      farewell: false,
    };
  }
  if (/\b(help|list)\b/i.test(customerText)) {
    return {
      body: text('Here is what I can help with:\n\n- **Orders**: status and changes\n- **Billing**: invoices and refunds\n- **Accounts**: sign-in trouble\n\nJust tell me which one.', 'MARKDOWN'),
      farewell: false,
    };
  }
  const quoted = customerText.length > ECHO_LIMIT ? `${customerText.slice(0, ECHO_LIMIT)}…` : customerText;
  return { body: text(`Thanks, I see: "${quoted}". Let me look into that for you.`, 'PLAINTEXT'), farewell: false };
}
