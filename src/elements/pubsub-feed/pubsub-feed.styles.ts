import { css } from 'lit';

/**
 * Styles of `<pubsub-feed>`: custom properties with their defaults on :host; light-dark() follows
 * color-scheme (auto = the user's preference, the theme attribute forces one). One rule per line
 * because Lit ships the text as written.
 */
export const feedStyles = css`
:host{color-scheme:light dark;--ace-font:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;--ace-mono:ui-monospace,Menlo,Consolas,monospace;--ace-accent:light-dark(#1a66d9,#6ea8fe);--ace-on-accent:light-dark(#fff,#0d1117);--ace-bg:light-dark(#fff,#0d1117);--ace-fg:light-dark(#1b1f24,#e6edf3);--ace-muted:light-dark(#57606a,#9aa5b1);--ace-border:light-dark(#d8dee4,#30363d);--ace-surface:light-dark(#f6f8fa,#161b22);--ace-radius:8px;--ace-danger:light-dark(#b42318,#ff7b72);--ace-success:light-dark(#1a7f37,#56d364);--ace-warning:light-dark(#9a6700,#e3b341);--ace-focus:0 0 0 3px color-mix(in srgb,var(--ace-accent) 45%,transparent);--ace-feed-max-height:420px;--r:calc(var(--ace-radius) - 2px);--line:1px solid var(--ace-border);display:block;font:14px/1.45 var(--ace-font);color:var(--ace-fg);background:var(--ace-bg);border:var(--line);border-radius:var(--ace-radius);overflow:hidden}
:host([theme=light]){color-scheme:light}
:host([theme=dark]){color-scheme:dark}
:host([hidden]){display:none}
*{box-sizing:border-box}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[part=header],[part=toolbar]{display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:8px 16px;border-bottom:var(--line)}
[part=header]{background:var(--ace-surface)}
h2{margin:0;margin-inline-end:auto;font-size:15px}
[part=status],.count,th,.queue,.kind,[part=params],[part=empty]{color:var(--ace-muted);font-size:12px}
[part=status]{display:flex;align-items:center;gap:6px;--dot:var(--ace-muted)}
[part=status]:before{content:'';width:8px;height:8px;border-radius:50%;background:var(--dot)}
[data-state=live]{--dot:var(--ace-success)}
[data-state=connecting],[data-state=retrying]{--dot:var(--ace-warning)}
[data-state=error]{--dot:var(--ace-danger)}
button,input{font:inherit;color:inherit;min-height:32px;padding:4px 8px;border:var(--line);border-radius:var(--r);background:var(--ace-bg)}
button{padding:4px 12px;cursor:pointer}
button:hover:not(:disabled){border-color:var(--ace-accent)}
button:disabled{opacity:.55;cursor:default}
:is(button,input):focus-visible{outline:0;box-shadow:var(--ace-focus);border-color:var(--ace-accent)}
[part=filter]{flex:1 1 160px}
[part=error]{margin:8px 16px;padding:8px 12px;border:1px solid;border-radius:var(--r);color:var(--ace-danger)}
[part=body]{max-height:var(--ace-feed-max-height);overflow:auto}
table{width:100%;border-collapse:collapse}
th,td{padding:8px 16px;text-align:start;vertical-align:top;border-bottom:var(--line)}
th{position:sticky;top:0;background:var(--ace-bg);font-weight:600;text-transform:uppercase;letter-spacing:.04em}
[part=row]:hover{background:var(--ace-surface)}
time,.queue{white-space:nowrap;font-variant-numeric:tabular-nums;color:var(--ace-muted)}
.queue,[part=params]{font-family:var(--ace-mono)}
.summary{font-weight:500;overflow-wrap:anywhere}
.kind{margin-inline-end:6px;padding:0 6px;border:var(--line);border-radius:9px;background:var(--ace-surface);font-size:11px;font-weight:600}
[part=params]{display:flex;flex-wrap:wrap;gap:4px 12px;margin:4px 0 0}
[part=params] div{display:flex;gap:4px;overflow-wrap:anywhere}
dt:after{content:'='}
dd{margin:0;color:var(--ace-fg)}
[part=empty]{margin:0;padding:24px 16px;text-align:center}
`;
