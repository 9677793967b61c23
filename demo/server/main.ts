// Entry point of `npm start`: the embedded backend plus the demo pages and the built bundles.
import { fileURLToPath } from 'node:url';
import { startBackend } from './backend.js';
import { DEMO_CCAAS, DEMO_PUBSUB_ACCOUNTS, DEMO_SPACES, DEMO_USERS } from './demo-data.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const port = parsePort(process.env.PORT);

const backend = await startBackend({
  port,
  host: process.env.HOST ?? '0.0.0.0',
  dataDir: process.env.DATA_DIR || undefined,
  demoBots: process.env.DEMO_BOTS !== '0',
  reactionDelayMs: 1200,
  demoRoot: `${repoRoot}demo`,
  cdnRoot: `${repoRoot}cdn`,
}).catch((error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use; set PORT to another one.` : error);
  process.exit(1);
});

const url = backend.url;
const [account] = DEMO_PUBSUB_ACCOUNTS;
console.log(`
Avaya Chat Elements demo and embedded backend
  Demo:            ${url}/
  Bundles:         ${url}/cdn/
  State:           ${process.env.DATA_DIR ? `persisted in ${process.env.DATA_DIR}` : 'in memory (set DATA_DIR to keep it)'}
  Demo bots:       ${process.env.DEMO_BOTS === '0' ? 'off (DEMO_BOTS=0)' : 'on'}

Spaces        socket ${url}/chat   REST ${url}/api
  users:  ${DEMO_USERS.map((u) => `${u._id} (${u.displayname})`).join(', ')}
  spaces: ${DEMO_SPACES.map((s) => `${s._id} (${s.title}${s.password ? `, PIN ${s.password}` : ''})`).join(', ')}
  <spaces-chat server-url="${url}/chat" api-url="${url}/api" space-id="sp-general" token-provider="getToken">
Chat platform host-url ${url}  integration-id ${DEMO_CCAAS.integrationId}  app-key ${DEMO_CCAAS.appkey}
PubSub        base-url ${url}/pubsub  AccountSid ${account?.accountSid}  AuthToken ${account?.authToken}
Tokens for the demo users: ${url}/demo/token?service=spaces&user=u-alice (or service=ccaas); settings: ${url}/demo/config
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void backend.close().then(() => process.exit(0));
  });
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 8000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`PORT must be a port number, not "${raw}"`);
    process.exit(1);
  }
  return value;
}
