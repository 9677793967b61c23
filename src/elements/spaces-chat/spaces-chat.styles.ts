import { css } from 'lit';

/** Layout of `<spaces-chat>` (colours come from the shared theme). */
export const spacesChatStyles = css`
  :host {
    display: flex; flex-direction: column; position: relative; height: 480px; min-height: 240px; overflow: hidden;
    font-family: var(--ace-font); font-size: 14px; color: var(--ace-fg); background: var(--ace-bg);
    border: 1px solid var(--ace-border); border-radius: var(--ace-radius);
  }
  :host([hidden]) { display: none; }
  .header { display: flex; align-items: center; gap: 12px; padding: 12px 16px; border-bottom: 1px solid var(--ace-border); }
  .title { flex: 1; min-width: 0; }
  h2 { margin: 0; font-size: 16px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .status { display: flex; align-items: center; gap: 6px; color: var(--ace-muted); font-size: 12px; }
  .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--ace-muted); }
  .dot.connected { background: #1e8e3e; }
  .dot.reconnecting, .dot.connecting { background: #f9ab00; }
  .dot.auth-error, .dot.closed, .dot.failed { background: var(--ace-danger); }
  .roster { display: flex; align-items: center; list-style: none; margin: 0; padding: 0; }
  .roster li + li { margin-left: -6px; }
  .roster .avatar { box-shadow: 0 0 0 2px var(--ace-bg); }
  .messages { flex: 1; min-height: 0; background: var(--ace-bg); overflow-y: auto; overscroll-behavior: contain; padding-bottom: 8px; }
  .notice { padding: 4px 16px; border-bottom: 1px solid var(--ace-border); color: var(--ace-muted); font-size: 12px; text-align: center; }
  .row { display: flex; gap: 8px; width: 100%; padding: 2px 16px; }
  .row.first { padding-top: 8px; }
  .row .gutter { width: 32px; flex: none; }
  .row .main { min-width: 0; flex: 1; }
  .meta { display: flex; align-items: baseline; gap: 8px; margin-bottom: 2px; }
  .name { font-weight: 600; }
  .time, .state { color: var(--ace-muted); font-size: 12px; }
  .state.failed { color: var(--ace-danger); }
  .pending .bubble { opacity: 0.7; }
  .failed .bubble { outline: 1px solid var(--ace-danger); }
  .card { display: block; max-width: 560px; padding: 12px; border: 1px solid var(--ace-border); border-radius: var(--ace-radius); background: var(--ace-bg); }
  .card .kind { font-size: 11px; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase; color: var(--ace-muted); }
  .card h3 { margin: 4px 0; font-size: 15px; }
  .card.complete h3 { text-decoration: line-through; color: var(--ace-muted); }
  .card .facts { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 8px; font-size: 12px; color: var(--ace-muted); }
  .toggle { display: inline-flex; align-items: center; gap: 6px; padding: 4px 10px; border: 1px solid var(--ace-border); border-radius: 999px; background: var(--ace-surface); cursor: pointer; }
  .toggle[aria-pressed='true'] { background: var(--ace-accent); color: var(--ace-accent-fg); border-color: transparent; }
  .files { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 4px; }
  .files img { display: block; max-width: 200px; max-height: 160px; border-radius: 8px; border: 1px solid var(--ace-border); }
  .files a { color: var(--ace-accent); }
  .typing { min-height: 20px; padding: 0 16px; color: var(--ace-muted); font-size: 12px; font-style: italic; }
  .uploads { padding: 0 16px; }
  .upload { display: flex; align-items: center; gap: 8px; font-size: 12px; }
  .upload progress { flex: 1; }
  .composer { flex-wrap: wrap; }
  .task-fields, .task-edit { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; font-size: 12px; }
  .task-fields { flex-basis: 100%; }
  .task-edit { margin-top: 8px; }
  .people { display: flex; flex-wrap: wrap; gap: 4px 10px; margin: 0; padding: 0; border: 0; }
  .people legend { float: left; margin-right: 4px; padding: 0; color: var(--ace-muted); }
  .due input { font-size: 12px; }
  .composer select { height: 40px; border: 1px solid var(--ace-border); border-radius: 20px; padding: 0 8px; background: var(--ace-bg); }
  .readonly { padding: 12px 16px; border-top: 1px solid var(--ace-border); color: var(--ace-muted); font-size: 13px; }
`;
