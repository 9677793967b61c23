import { css } from 'lit';

/** Styles of `<pubsub-feed>`: custom properties with their defaults on :host, light and dark. */
export const feedStyles = css`
  :host {
    /* light-dark() follows color-scheme: auto = the user's preference, the theme attribute forces one. */
    color-scheme: light dark;
    --ace-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --ace-mono: ui-monospace, Menlo, Consolas, monospace;
    --ace-accent: light-dark(#1a66d9, #6ea8fe);
    --ace-on-accent: light-dark(#fff, #0d1117);
    --ace-bg: light-dark(#fff, #0d1117);
    --ace-fg: light-dark(#1b1f24, #e6edf3);
    --ace-muted: light-dark(#57606a, #9aa5b1);
    --ace-border: light-dark(#d8dee4, #30363d);
    --ace-surface: light-dark(#f6f8fa, #161b22);
    --ace-radius: 8px;
    --ace-danger: light-dark(#b42318, #ff7b72);
    --ace-success: light-dark(#1a7f37, #56d364);
    --ace-warning: light-dark(#9a6700, #e3b341);
    --ace-focus: 0 0 0 3px color-mix(in srgb, var(--ace-accent) 45%, transparent);
    --ace-feed-max-height: 420px;
    display: block;
    font: 14px/1.45 var(--ace-font);
    color: var(--ace-fg);
    background: var(--ace-bg);
    border: 1px solid var(--ace-border);
    border-radius: var(--ace-radius);
    overflow: hidden;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  [part='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 8px 16px;
    background: var(--ace-surface);
    border-bottom: 1px solid var(--ace-border);
  }
  h2 {
    margin: 0;
    font-size: 15px;
    font-weight: 600;
    margin-inline-end: auto;
  }
  [part='status'] {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: var(--ace-muted);
    font-size: 13px;
  }
  [part='status']::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--ace-muted);
  }
  [part='status'][data-state='live']::before {
    background: var(--ace-success);
  }
  [part='status'][data-state='retrying']::before,
  [part='status'][data-state='connecting']::before {
    background: var(--ace-warning);
  }
  [part='status'][data-state='error']::before {
    background: var(--ace-danger);
  }
  button,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 32px;
    padding: 4px 12px;
    border: 1px solid var(--ace-border);
    border-radius: calc(var(--ace-radius) - 2px);
    background: var(--ace-bg);
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    border-color: var(--ace-accent);
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  button.primary {
    background: var(--ace-accent);
    border-color: var(--ace-accent);
    color: var(--ace-on-accent);
  }
  input {
    min-height: 32px;
    padding: 4px 8px;
    border: 1px solid var(--ace-border);
    border-radius: calc(var(--ace-radius) - 2px);
    background: var(--ace-bg);
  }
  button:focus-visible,
  input:focus-visible {
    outline: none;
    box-shadow: var(--ace-focus);
    border-color: var(--ace-accent);
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 8px 16px;
    border-bottom: 1px solid var(--ace-border);
  }
  [part='filter'] {
    flex: 1 1 160px;
  }
  .count {
    color: var(--ace-muted);
    font-size: 12px;
  }
  [part='error'] {
    margin: 8px 16px;
    padding: 8px 12px;
    border: 1px solid var(--ace-danger);
    border-radius: calc(var(--ace-radius) - 2px);
    color: var(--ace-danger);
  }
  [part='body'] {
    max-height: var(--ace-feed-max-height);
    overflow: auto;
  }
  [part='table'] {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 8px 16px;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--ace-border);
  }
  th {
    position: sticky;
    top: 0;
    background: var(--ace-bg);
    color: var(--ace-muted);
    font-size: 12px;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  [part='row']:hover {
    background: var(--ace-surface);
  }
  time,
  .queue {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
    color: var(--ace-muted);
  }
  .queue {
    font-family: var(--ace-mono);
    font-size: 12px;
  }
  .summary {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .kind {
    display: inline-block;
    margin-inline-end: 6px;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--ace-surface);
    border: 1px solid var(--ace-border);
    font-size: 11px;
    font-weight: 600;
    color: var(--ace-muted);
  }
  [part='params'] {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    margin: 4px 0 0;
    font-family: var(--ace-mono);
    font-size: 12px;
    color: var(--ace-muted);
  }
  [part='params'] div {
    display: flex;
    gap: 4px;
    overflow-wrap: anywhere;
  }
  dt::after {
    content: '=';
  }
  dd {
    margin: 0;
    color: var(--ace-fg);
  }
  [part='empty'] {
    margin: 0;
    padding: 24px 16px;
    text-align: center;
    color: var(--ace-muted);
  }
  [part='publish-form'] {
    padding: 8px 16px 16px;
    border-top: 1px solid var(--ace-border);
    background: var(--ace-surface);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 8px 0;
    font-weight: 600;
  }
  .param {
    display: grid;
    grid-template-columns: 1fr 2fr auto;
    gap: 8px;
    margin-bottom: 8px;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  [part='publish-status'] {
    color: var(--ace-muted);
    font-size: 13px;
  }
  [part='publish-status'][data-failed] {
    color: var(--ace-danger);
  }
`;
