import { html, type TemplateResult } from 'lit';
import { describeParams } from '../../pubsub/describe.js';
import type { PubSubEvent } from '../../pubsub/types.js';
import { format, type StringId } from './strings.js';

type Strings = Record<StringId, string>;

/** The one-line summary of an event: `From → To: Body` for SMS, the status for calls, else its params. */
export function summaryOf(event: PubSubEvent, strings: Strings): { kind: string; text: string } {
  const params = event.envelope.FormParams;
  const info = describeParams(params);
  const route = (from: string, to: string) => [from, to].filter(Boolean).join(' → ');
  if (info.kind === 'sms') return { kind: 'SMS', text: `${route(info.from, info.to)}: ${info.body}` };
  if (info.kind === 'call') {
    const status = info.status ? format(strings.callStatus, { status: info.status }) : info.callSid;
    return { kind: 'Call', text: [status, route(info.from, info.to)].filter(Boolean).join(' · ') };
  }
  return { kind: '', text: Object.entries(params).map(([name, value]) => `${name}=${value}`).join(', ') };
}

/** Text a filter is matched against: queue, summary and every parameter name and value. */
export function searchTextOf(event: PubSubEvent, strings: Strings): string {
  const { kind, text } = summaryOf(event, strings);
  return [event.queue, kind, text, ...Object.entries(event.envelope.FormParams).flat()].join('\n').toLowerCase();
}

/** One table row. Everything from the network is rendered as text bindings, never as markup. */
export function eventRow(event: PubSubEvent, strings: Strings, timeFormat: Intl.DateTimeFormat): TemplateResult {
  const { kind, text } = summaryOf(event, strings);
  const when = new Date(event.createdAt);
  return html`<tr part="row" data-key=${event.key}>
    <td><time datetime=${event.envelope.Created} title=${when.toLocaleString()}>${timeFormat.format(when)}</time></td>
    <td class="queue">${event.queue}</td>
    <td>
      <div class="summary">${kind ? html`<span class="kind">${kind}</span>` : ''}${text}</div>
      <dl part="params">
        ${Object.entries(event.envelope.FormParams).map(([name, value]) => html`<div><dt>${name}</dt><dd>${value}</dd></div>`)}
      </dl>
    </td>
  </tr>`;
}
