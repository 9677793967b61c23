import { html, nothing, type TemplateResult } from 'lit';
import { hueOf, initialsOf } from './initials.js';

/**
 * An avatar: the picture when there is one, initials on a per-person colour otherwise. Decorative
 * (the name is shown beside it). The colour is a class from a fixed palette, never a `style`
 * attribute, which a strict `style-src` policy would block.
 */
export function avatar(user: { _id: string; displayname: string; picture_url?: string }, size: 'sm' | 'md' = 'md'): TemplateResult {
  const picture = user.picture_url && /^https?:\/\//.test(user.picture_url) ? user.picture_url : undefined;
  return html`<span class="avatar avatar-${size} hue-${hueOf(user._id)}" part="avatar" aria-hidden="true"
    >${picture ? html`<img src=${picture} alt="" loading="lazy" referrerpolicy="no-referrer" />` : nothing}<span class="initials">${initialsOf(user.displayname)}</span></span
  >`;
}
