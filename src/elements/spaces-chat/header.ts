import { html, nothing, type TemplateResult } from 'lit';
import type { SpacesProblem } from '../../controllers/spaces-room.js';
import { avatar } from '../../ui/avatar.js';
import { fill } from './strings.js';
import type { ChatView } from './view.js';

/** The top bar: title, connection state and (optionally) who is online. */
export function renderHeader(view: ChatView, title: string, showPresence: boolean): TemplateResult {
  const { t, room } = view;
  const connection = room?.connection ?? 'connecting';
  const stateText =
    room?.subscription === 'failed' ? t.unavailable
    : connection === 'connected' && room?.subscription !== 'subscribed' && !room?.handover ? t.connecting
    : t[connection === 'auth-error' ? 'authError' : connection];
  return html`<div class="header" part="header">
    <div class="title">
      <h2 part="title">${title}</h2>
      <div class="status" part="status" role="status"><span class="dot ${room?.subscription === 'failed' ? 'failed' : connection}"></span>${stateText}</div>
    </div>
    ${showPresence && room
      ? html`<ul class="roster" part="roster" aria-label=${`${room.roster.length} ${t.online}`}>
          ${room.roster.slice(0, 6).map((user) => html`<li title=${user.displayname}>${avatar(user, 'sm')}<span class="visually-hidden">${user.displayname}</span></li>`)}
        </ul>`
      : nothing}
  </div>`;
}

/** Configuration, sign-in and subscription errors, the reconnecting banner and the missed-messages notice. */
export function renderBanners(view: ChatView, problem: SpacesProblem | undefined, retry: () => void): TemplateResult {
  const { t, room } = view;
  return html`
    ${problem
      ? html`<div class="banner error" part="error" role="alert">
          <span>${problem.code === 'missing-space-id' ? t.missingSpace : problem.code === 'missing-provider' ? t.missingProvider : fill(t.providerFailed, { reason: problem.message })}</span>
          ${problem.code === 'provider-failed' ? html`<button type="button" @click=${retry}>${t.retry}</button>` : nothing}
        </div>`
      : nothing}
    ${room?.connection === 'auth-error'
      ? html`<div class="banner error" part="error" role="alert"><span>${t.authError}</span><button type="button" @click=${retry}>${t.retry}</button></div>`
      : nothing}
    ${room?.subscription === 'failed'
      ? html`<div class="banner error" part="error" role="alert">${fill(t.subscribeFailed, { reason: room.subscribeError ?? '' })}</div>`
      : nothing}
    ${room?.connection === 'reconnecting' ? html`<div class="banner" part="banner" role="status">${t.offlineBanner}</div>` : nothing}
    ${room?.missedMessages
      ? html`<div class="banner" part="banner" role="status"><span>${t.missedNotice}</span><button type="button" ?disabled=${room.loadingHistory} @click=${() => void room.loadMissed()}>${t.loadMissed}</button></div>`
      : nothing}
  `;
}
