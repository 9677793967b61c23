import { HELPER_USER_ID } from '../demo-data.js';
import { newMessageId } from './compose-message.js';
import type { Directory } from './directory.js';
import type { MessageStore } from './message-store.js';
import type { MessageCategory, MessageContent, SpacesMessage } from './types.js';

const HOUR = 3600_000;

/** [hours ago, space, sender, category, content] of the demo's starting history. */
const HISTORY: [number, string, string, MessageCategory, MessageContent][] = [
  [47, 'sp-general', 'u-alice', 'chat', { bodyText: 'Morning all! Kicking off the widget project today.' }],
  [46.5, 'sp-general', 'u-bob', 'chat', { bodyText: 'Great, I&#x27;ll start on the socket client.' }],
  [45, 'sp-general', 'u-carol', 'chat', { bodyText: '<p>Hi <mention id="u-bob" type="user" value="Bob Martins">@Bob Martins</mention>, can you share the reconnect notes?</p>' }],
  [44.8, 'sp-general', 'u-bob', 'chat', { bodyText: 'Sure, posting them this afternoon.' }],
  [40, 'sp-general', 'u-alice', 'idea', { bodyText: 'Release checklist', description: 'Build, run both browsers, check bundle sizes, tag.' }],
  [30, 'sp-general', HELPER_USER_ID, 'chat', { bodyText: '<p>Tip: the server echoes your message back, so match it with <code>loopbackMetadata</code>:</p><pre>socket.emit(&quot;SEND_MESSAGE&quot;, { ...message, loopbackMetadata: id });</pre>' }],
  [26, 'sp-general', 'u-carol', 'task', { bodyText: 'Review the theming parts', status: 'pending', dueDate: null, assignees: [{ _id: 'u-alice' }] }],
  [20, 'sp-general', 'u-alice', 'chat', { bodyText: '<p>Don&#x27;t forget: &quot;nothing the user typed is lost&quot;.</p>' }],
  [12, 'sp-general', 'u-bob', 'chat', { bodyText: 'Socket client handles token refresh now.' }],
  [6, 'sp-general', 'u-carol', 'chat', { bodyText: 'Nice! Testing it on my phone.' }],
  [3, 'sp-general', HELPER_USER_ID, 'chat', { bodyText: 'Ask me anything here, I answer quickly.' }],
  [1, 'sp-general', 'u-alice', 'chat', { bodyText: '<p>Standup in 10 minutes &amp; bring <b>questions</b>.</p>' }],
  [30, 'sp-design', 'u-bob', 'chat', { bodyText: 'Dark theme mockups are in the shared folder.' }],
  [5, 'sp-design', 'u-alice', 'chat', { bodyText: 'Looks good, small tweaks to the composer spacing.' }],
  [10, 'sp-locked', 'u-alice', 'chat', { bodyText: 'Quarterly numbers go here; keep the PIN to yourselves.' }],
];

/** Gives the demo spaces two days of history the first time the backend starts (persisted like any message). */
export function seedHistory(messages: MessageStore, directory: Directory, now = Date.now()): void {
  if (!messages.empty) return;
  for (const [hoursAgo, topicId, senderId, category, content] of HISTORY) {
    const sender = directory.user(senderId);
    if (!sender) continue;
    const message: SpacesMessage = { _id: newMessageId(), topicId, category, created: new Date(now - hoursAgo * HOUR).toISOString(), sender, content };
    messages.save(message);
  }
}
