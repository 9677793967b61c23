import { css } from 'lit';

/** Layout of <ccaas-chat>: an inline panel, or a floating launcher with a panel above it. */
export const ccaasStyles = css`
  :host {
    --ace-ccaas-width: 380px;
    --ace-ccaas-height: 560px;
    --ace-ccaas-offset: 24px;
    --ace-ccaas-z: 2147483000;
    display: block;
    font-family: var(--ace-font);
    color: var(--ace-fg);
    font-size: 14px;
  }
  :host([hidden]) { display: none; }
  /* Inline, the panel fills the box the page gives the element (default height above). */
  :host(:not([launcher])) { height: var(--ace-ccaas-height); }
  *, *::before, *::after { box-sizing: border-box; }
  button, input, textarea { font: inherit; color: inherit; }
  :focus-visible { outline: none; box-shadow: var(--ace-focus); }
  .bubble { display: inline-block; max-width: 85%; padding: 8px 12px; border-radius: var(--ace-radius); background: var(--ace-bubble-other); overflow-wrap: anywhere; line-height: 1.45; }
  .self .bubble { background: var(--ace-bubble-self); }
  .plain { white-space: pre-wrap; }
  .body p, .body ul, .body ol, .body pre, .body blockquote { margin: 0 0 4px; }
  .body :last-child { margin-bottom: 0; }
  .body a { color: var(--ace-accent); }
  .body code, .body pre { font-family: ui-monospace, monospace; font-size: 0.9em; }
  .body blockquote { padding-left: 8px; border-left: 3px solid var(--ace-border); }
  .banner { display: flex; align-items: center; gap: 8px; padding: 8px 16px; background: var(--ace-warning-bg); color: var(--ace-warning-fg); border-bottom: 1px solid var(--ace-border); }
  .banner.error { background: color-mix(in srgb, var(--ace-danger) 12%, var(--ace-bg)); color: var(--ace-fg); }
  .banner button, .link-button { margin-left: auto; padding: 4px 12px; border: 1px solid currentColor; border-radius: 999px; background: transparent; cursor: pointer; }
  .link-button { margin-left: 0; font-size: 12px; }
  .composer { display: flex; align-items: flex-end; gap: 8px; padding: 8px 16px 16px; border-top: 1px solid var(--ace-border); }
  .composer textarea { flex: 1; min-height: 40px; max-height: 160px; resize: none; padding: 8px 12px; border: 1px solid var(--ace-border); border-radius: 20px; background: var(--ace-bg); }
  .composer textarea:disabled { background: var(--ace-surface); color: var(--ace-muted); }
  .send { height: 40px; padding: 0 16px; border: 0; border-radius: 20px; background: var(--ace-accent); color: var(--ace-accent-fg); font-weight: 600; cursor: pointer; }
  .send:disabled { opacity: 0.5; cursor: not-allowed; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .panel {
    display: flex; flex-direction: column; height: 100%; min-height: 320px;
    background: var(--ace-bg); border: 1px solid var(--ace-border); border-radius: var(--ace-radius); overflow: hidden;
  }
  :host([launcher]) .panel {
    position: fixed; right: var(--ace-ccaas-offset); bottom: calc(var(--ace-ccaas-offset) + 72px); z-index: var(--ace-ccaas-z);
    width: min(var(--ace-ccaas-width), calc(100vw - 2 * var(--ace-ccaas-offset)));
    height: min(var(--ace-ccaas-height), calc(100vh - 120px));
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.18);
  }
  .launcher {
    position: fixed; right: var(--ace-ccaas-offset); bottom: var(--ace-ccaas-offset); z-index: var(--ace-ccaas-z);
    width: 56px; height: 56px; border: 0; border-radius: 50%; cursor: pointer;
    background: var(--ace-accent); color: var(--ace-accent-fg); box-shadow: 0 6px 20px rgb(0 0 0 / 0.2);
    display: grid; place-items: center;
  }
  .launcher svg { width: 26px; height: 26px; fill: currentColor; }
  .badge {
    position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
    background: var(--ace-danger); color: var(--ace-bg); font-size: 12px; font-weight: 700; line-height: 20px;
  }
  header {
    display: flex; align-items: center; gap: 8px; padding: 12px 16px; border-bottom: 1px solid var(--ace-border); background: var(--ace-surface);
  }
  .titles { flex: 1; min-width: 0; }
  h2 { margin: 0; font-size: 16px; font-weight: 600; }
  .agent { margin: 0; color: var(--ace-muted); font-size: 12px; }
  .header-button {
    padding: 4px 12px; border: 1px solid var(--ace-border); border-radius: 999px; background: var(--ace-bg); cursor: pointer;
  }
  .close { width: 32px; height: 32px; padding: 0; border: 0; background: transparent; cursor: pointer; font-size: 20px; line-height: 1; border-radius: 50%; }
  .messages { flex: 1; overflow-y: auto; padding: 8px 0; }
  .line { display: flex; flex-direction: column; align-items: flex-start; gap: 2px; padding: 4px 16px; }
  .line.self { align-items: flex-end; }
  .line.system { align-items: center; color: var(--ace-muted); font-size: 12px; }
  .meta { color: var(--ace-muted); font-size: 12px; display: flex; gap: 4px; align-items: center; }
  .tick[data-status='delivered'] { color: var(--ace-accent); }
  .tick[data-status='failed'] { color: var(--ace-danger); }
  .center { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 12px; padding: 24px; text-align: center; }
  .center p { margin: 0; color: var(--ace-muted); }
  .field { display: flex; flex-direction: column; gap: 4px; text-align: left; width: 100%; max-width: 260px; }
  .field input { padding: 8px 12px; border: 1px solid var(--ace-border); border-radius: 8px; background: var(--ace-bg); }
  .primary { padding: 8px 20px; border: 0; border-radius: 20px; background: var(--ace-accent); color: var(--ace-accent-fg); font-weight: 600; cursor: pointer; }
  .earlier { display: flex; justify-content: center; padding: 4px; }
  .error { margin: 12px 16px; padding: 12px; border-radius: 8px; border: 1px solid var(--ace-danger); color: var(--ace-fg); background: color-mix(in srgb, var(--ace-danger) 10%, var(--ace-bg)); }
  .spinner { width: 24px; height: 24px; border-radius: 50%; border: 3px solid var(--ace-border); border-top-color: var(--ace-accent); animation: spin 1s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
`;
