// The host page's side of the contract: it owns credentials and hands the widgets tokens through
// callbacks. Here the "site backend" is the demo backend's /demo/token and /demo/pubsub-session.

const status = document.getElementById('demo-status');

async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.text();
}

const config = await (await fetch('/demo/config')).json();

// Token providers named by the elements' token-provider attributes (dot paths into window).
window.demoAuth = {
  // demoAuth.spaces.alice, .bob, ...: the demo user ids without their "u-" prefix.
  spaces: Object.fromEntries(
    config.spaces.users.map((user) => [user._id.replace(/^u-/, ''), () => fetchText(`/demo/token?service=spaces&user=${user._id}`)]),
  ),
  ccaas: {
    inline: () => fetchText('/demo/token?service=ccaas&user=customer-inline'),
    launcher: () => fetchText('/demo/token?service=ccaas&user=customer-launcher'),
  },
  // A real site mints PubSub sessions on its server: the AccountSid:AuthToken pair never reaches the browser.
  pubsub: () => fetchText('/demo/pubsub-session'),
};

for (const el of document.querySelectorAll('spaces-chat')) {
  el.setAttribute('server-url', config.spaces.socketUrl);
  el.setAttribute('api-url', config.spaces.apiUrl);
}
for (const el of document.querySelectorAll('ccaas-chat')) {
  el.setAttribute('host-url', config.ccaas.hostURL);
  el.setAttribute('integration-id', config.ccaas.integrationId);
  el.setAttribute('app-key', config.ccaas.appkey);
}
for (const el of document.querySelectorAll('pubsub-feed')) {
  el.setAttribute('base-url', config.pubsub.baseUrl);
  el.setAttribute('account-sid', config.pubsub.accountSid);
}

try {
  await import('/cdn/avaya-chat-elements.js');
  status.textContent = `Connected to the embedded backend at ${location.origin}.`;
} catch (error) {
  status.textContent = `Could not load /cdn/avaya-chat-elements.js (${error.message}). Run "npm run build" first.`;
}
