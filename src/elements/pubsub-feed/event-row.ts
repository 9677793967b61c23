import { html } from 'lit';
import { describeParams } from '../../pubsub/describe.js';
import type { PubSubEvent } from '../../pubsub/types.js';
import { format, type Strings } from './strings.js';

const route = (from: string, to: string) => [from, to].filter(Boolean).join(' → ');

/** The kind badge and one-line summary of an event: `From → To: Body` for SMS, the status for calls, else its params. */
export function summaryOf(event: PubSubEvent, strings: Strings): [kind: string, text: string] {
  const params = event.envelope.FormParams;
  const info = describeParams(params);
  if (info.kind === 'sms') return [strings.sms, `${route(info.from, info.to)}: ${info.body}`];
  if (info.kind === 'call') return [strings.callKind, [info.status ? format(strings.call, info.status) : info.callSid, route(info.from, info.to)].filter(Boolean).join(' · ')];
  return ['', Object.entries(params).map((pair) => pair.join('=')).join(', ')];
}

/** One table row. Everything from the network is rendered as text bindings, never as markup. */
export function eventRow(event: PubSubEvent, [kind, text]: [string, string], time: Intl.DateTimeFormat) {
  const when = new Date(event.createdAt);
  return html`<tr part="row">
<td><time datetime=${event.envelope.Created} title=${when.toLocaleString()}>${time.format(when)}</time></td>
<td class="queue">${event.queue}</td>
<td><div class="summary">${kind ? html`<span class="kind">${kind}</span>` : ''}${text}</div><dl part="params">${Object.entries(event.envelope.FormParams).map(([name, value]) => html`<div><dt>${name}</dt><dd>${value}</dd></div>`)}</dl></td>
</tr>`;
}
