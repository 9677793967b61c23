import { css, unsafeCSS } from 'lit';
import { AVATAR_HUES } from './initials.js';

/**
 * Custom properties with their defaults; `light-dark()` picks the light or dark value from the
 * host's `color-scheme`, which the `theme` attribute sets (auto: the system's preference).
 */
export const themeStyles = css`
  :host {
    color-scheme: light dark;
    --ace-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --ace-accent: light-dark(#1561c4, #8ab4f8);
    --ace-accent-fg: light-dark(#fff, #0b1a33);
    --ace-bg: light-dark(#fff, #16181c);
    --ace-fg: light-dark(#1f2328, #e8eaed);
    --ace-muted: light-dark(#5f6670, #a4abb5);
    --ace-border: light-dark(#d9dde3, #343a42);
    --ace-surface: light-dark(#f5f7fa, #1f2329);
    --ace-radius: 12px;
    --ace-bubble-self: light-dark(#e3eefd, #1d3557);
    --ace-bubble-other: light-dark(#f1f3f5, #262b32);
    --ace-danger: light-dark(#b3261e, #f2b8b5);
    --ace-warning-bg: light-dark(#fff4d6, #3d3000);
    --ace-warning-fg: light-dark(#5c4300, #ffe08a);
    --ace-focus: 0 0 0 3px color-mix(in srgb, var(--ace-accent) 45%, transparent);
  }
  :host([theme='light']) { color-scheme: light; }
  :host([theme='dark']) { color-scheme: dark; }
`;

/** Avatars, bubbles, cards, banners, composer and separators shared by the chat elements. */
export const chatStyles = css`
  *, *::before, *::after { box-sizing: border-box; }
  button, input, textarea, select { font: inherit; color: inherit; }
  :focus-visible { outline: none; box-shadow: var(--ace-focus); }
  .avatar {
    position: relative; flex: none; display: inline-grid; place-items: center; overflow: hidden;
    border-radius: 50%; background: hsl(210 60% 30%); color: #fff; font-weight: 600;
  }
  ${unsafeCSS(Array.from({ length: AVATAR_HUES }, (_, i) => `.avatar.hue-${i}{background:hsl(${i * (360 / AVATAR_HUES)} 60% 30%)}`).join(''))}
  .avatar-md { width: 32px; height: 32px; font-size: 13px; }
  .avatar-sm { width: 24px; height: 24px; font-size: 10px; }
  .avatar img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; }
  .day { display: flex; align-items: center; gap: 8px; padding: 16px 16px 8px; color: var(--ace-muted); font-size: 12px; font-weight: 600; }
  .day::before, .day::after { content: ''; flex: 1; border-top: 1px solid var(--ace-border); }
  .bubble {
    display: inline-block; max-width: min(100%, 560px); padding: 8px 12px; border-radius: var(--ace-radius);
    background: var(--ace-bubble-other); overflow-wrap: anywhere; line-height: 1.45;
  }
  .own .bubble { background: var(--ace-bubble-self); }
  .body p { margin: 0 0 4px; }
  .body p:last-child { margin-bottom: 0; }
  .body pre, .body code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; }
  .body pre { margin: 4px 0; padding: 8px; border-radius: 8px; background: var(--ace-surface); overflow-x: auto; white-space: pre-wrap; }
  .body code { padding: 0 4px; border-radius: 4px; background: var(--ace-surface); }
  .body a { color: var(--ace-accent); }
  .body .mention { color: var(--ace-accent); font-weight: 600; }
  .body blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid var(--ace-border); color: var(--ace-muted); }
  .banner {
    display: flex; align-items: center; gap: 8px; padding: 8px 16px; font-size: 14px;
    background: var(--ace-warning-bg); color: var(--ace-warning-fg); border-bottom: 1px solid var(--ace-border);
  }
  .banner.error { background: color-mix(in srgb, var(--ace-danger) 12%, var(--ace-bg)); color: var(--ace-fg); }
  .banner button, .link-button {
    margin-left: auto; padding: 4px 12px; border: 1px solid currentColor; border-radius: 999px; background: transparent; cursor: pointer;
  }
  .link-button { margin-left: 0; padding: 0 8px; font-size: 12px; }
  .composer { display: flex; align-items: flex-end; gap: 8px; padding: 8px 16px 16px; border-top: 1px solid var(--ace-border); }
  .composer textarea {
    flex: 1; min-height: 40px; max-height: 160px; resize: none; padding: 8px 12px; border: 1px solid var(--ace-border);
    border-radius: 20px; background: var(--ace-bg); line-height: 1.4;
  }
  .composer textarea:disabled { background: var(--ace-surface); color: var(--ace-muted); }
  .icon-button {
    flex: none; display: inline-grid; place-items: center; width: 40px; height: 40px; border: 1px solid var(--ace-border);
    border-radius: 50%; background: var(--ace-bg); cursor: pointer;
  }
  .send {
    flex: none; height: 40px; padding: 0 16px; border: 0; border-radius: 20px; cursor: pointer;
    background: var(--ace-accent); color: var(--ace-accent-fg); font-weight: 600;
  }
  .send:disabled, .icon-button:disabled { opacity: 0.5; cursor: not-allowed; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
