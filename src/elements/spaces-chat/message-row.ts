import { html, nothing, type TemplateResult } from 'lit';
import type { PendingMessage } from '../../spaces/room.js';
import { avatar } from '../../ui/avatar.js';
import { dayLabel, timeLabel } from '../../ui/day-label.js';
import { renderCard } from './card.js';
import { renderFiles } from './files.js';
import type { Row } from './rows.js';
import type { ChatView } from './view.js';

/** One row of the list: a day separator, a message (chat bubble or card), or an own send not yet confirmed. */
export function renderRow(row: Row, view: ChatView): TemplateResult {
  if (row.kind === 'day') return html`<div class="day" role="separator">${dayLabel(row.ms, view.now, view.locale, view.t)}</div>`;
  if (row.kind === 'pending') return renderPending(row.pending, view);
  const { message, grouped, own } = row;
  const time = timeLabel(message.createdMs, view.locale);
  return html`<article class="row ${own ? 'own' : ''} ${grouped ? '' : 'first'}" part="message" data-id=${message._id} aria-label=${`${message.sender.displayname}, ${time}`}>
    <div class="gutter">${grouped ? nothing : avatar(message.sender)}</div>
    <div class="main">
      ${grouped ? nothing : html`<div class="meta"><span class="name">${message.sender.displayname}</span><time class="time" datetime=${message.created}>${time}</time></div>`}
      ${message.category === 'chat' ? html`<div class="bubble">${view.bodies.body(message)}${renderFiles(message.content.data, view.t)}</div>` : renderCard(message, view)}
    </div>
  </article>`;
}

function renderPending(item: PendingMessage, view: ChatView): TemplateResult {
  const { t, room } = view;
  const failed = item.state === 'failed';
  const me = room?.me;
  return html`<article class="row own first ${failed ? 'failed' : 'pending'}" part="message ${failed ? 'failed' : 'pending'}" data-client-id=${item.clientId} aria-busy=${failed ? 'false' : 'true'}>
    <div class="gutter">${me ? avatar(me) : nothing}</div>
    <div class="main">
      <div class="meta">
        <span class="name">${me?.displayname ?? ''}</span>
        <span class="state ${failed ? 'failed' : ''}">${failed ? t.failed : t.sending}</span>
        ${failed
          ? html`<button type="button" class="link-button" @click=${() => {
                view.refocus();
                room?.retry(item.clientId);
              }}>${t.retry}</button>
              <button type="button" class="link-button" @click=${() => {
                view.refocus();
                room?.discard(item.clientId);
              }}>${t.discard}</button>`
          : nothing}
      </div>
      <div class="bubble">${item.category === 'chat' ? item.content.bodyText : html`<strong>${t[item.category]}:</strong> ${item.content.bodyText}`}</div>
    </div>
  </article>`;
}
