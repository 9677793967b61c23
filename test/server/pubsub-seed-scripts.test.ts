import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { DEMO_PUBSUB_ACCOUNTS } from '../../demo/server/demo-data.js';

// The vendor's own shell commands from seed 004, kept in seed-004/ exactly as the seed prints them,
// run with curl against the embedded backend: proof it answers what the real service answers.
// What a reader of the seed substitutes is substituted here, and nothing else: the host, the
// <AccountSid>:<AuthToken> placeholders and $ZANG_* variables, and the example session a step
// uses in place of the one the seed's auth step just printed (as the reader pastes theirs).

const { accountSid, authToken } = DEMO_PUBSUB_ACCOUNTS[0] as { accountSid: string; authToken: string };
const SEED_HOST = 'https://pubsub-us.cpaas.avayacloud.com';
/** The AccountSid the seed's examples use literally: the demo account has it, so those URLs stay as they are. */
const SEED_ACCOUNT = 'AC948550ad81934a1a9bcd33b689c0c236';
const seedScript = (name: string) => readFileSync(new URL(`./seed-004/${name}`, import.meta.url), 'utf8');

interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

let backend: Backend;
let base: string;
before(async () => {
  try {
    execFileSync('which', ['curl'], { stdio: 'pipe' });
  } catch {
    throw new Error('curl is not installed: the seed 004 scripts need it (apt-get install curl)');
  }
  backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0 });
  base = `${backend.url}/pubsub`;
});
after(() => backend?.close());

/** A seed script as its reader runs it: this backend for the host, the demo credentials, and `session` for the seed's example session. */
function asRun(name: string, session?: { example: string; actual: string }): string {
  let text = seedScript(name).replaceAll(SEED_HOST, base).replaceAll('<AccountSid>', accountSid).replaceAll('<AuthToken>', authToken);
  if (session) {
    assert.ok(text.includes(session.example), `${name} does not use the example session ${session.example}`);
    text = text.replaceAll(session.example, session.actual);
  }
  return text;
}

/** Runs a seed script as its reader runs it (`asRun`) with bash; the whole process group is killed if it outlives `limitMs`. */
function runScript(name: string, limitMs: number, options: { session?: { example: string; actual: string }; onStdout?: (stdout: string) => void } = {}): Promise<ScriptRun> {
  const { session, onStdout = () => {} } = options;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', asRun(name, session)], {
      env: { ...process.env, ZANG_ACCOUNT_SID: accountSid, ZANG_AUTH_TOKEN: authToken },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout(stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`${name} still ran after ${limitMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

const depth = (queue: string) => backend.command('pubsub', 'queueDepth', { accountSid, queue }) as Promise<number>;

/** Plays the CPaaS platform answering a call (the event waits in the queue if the script is not polling yet): POSTs the call to the voice URL and returns the XML it gets. */
async function platformCall(url: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(params) });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/xml/);
  return res.text();
}

const SESSION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Runs one of the seed's auth commands and returns the session it printed. */
async function sessionFrom(name: string): Promise<string> {
  const run = await runScript(name, 10_000);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, SESSION);
  return run.stdout;
}

describe('seed 004 shell scripts against the embedded backend', () => {
  it('uses the seed’s own AccountSid for the demo account', () => {
    assert.equal(accountSid, SEED_ACCOUNT);
  });

  it('auth.sh prints a raw session token', async () => {
    await sessionFrom('auth.sh');
  });

  it('subscribe.sh receives the published event with the seed’s headers', async () => {
    const session = await sessionFrom('auth.sh');
    await backend.command('pubsub', 'publish', { accountSid, queue: 'a/b', params: { Custom: '123', Param: 'abc' } });
    const run = await runScript('subscribe.sh', 10_000, { session: { example: '5ff34c5d-5048-468b-b6c2-384d88efbb4d', actual: session } });
    assert.equal(run.code, 0, run.stderr);
    for (const header of [/< HTTP\/1\.1 200 OK/, /< access-control-allow-origin: \*/i, /< cache-control: no-cache/i, /< content-type: application\/json/i, /< transfer-encoding: chunked/i]) {
      assert.match(run.stderr, header);
    }
    const events = JSON.parse(run.stdout);
    assert.equal(events.length, 1);
    assert.equal(events[0].Url, `/${accountSid}/a/b`);
    assert.deepEqual(events[0].FormParams, { Custom: '123', Param: 'abc' });
  });

  it('sms-until.sh loops "No messages yet." until an SMS arrives, then prints it', async () => {
    const session = await sessionFrom('sms-session.sh');
    // The seed polls with the default timeout; a short cap makes its empty rounds quick.
    await backend.command('pubsub', 'setPollCap', { ms: 200 });
    try {
      let emptyRoundSeen: () => void = () => {};
      const emptyRound = new Promise<void>((resolve) => (emptyRoundSeen = resolve));
      const running = runScript('sms-until.sh', 15_000, {
        session: { example: '3874f087-36ab-4d1b-bf43-dd8f2b8e460f', actual: session },
        onStdout: (stdout) => {
          if (stdout.includes('No messages yet.')) emptyRoundSeen();
        },
      });
      await emptyRound;
      await fetch(`${base}/${accountSid}/SMS`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'AccountSid=AC948550ad81934a1a9bcd33b689c0c236&ApiVersion=v2&Body=Test+sms&From=%2B18457026652&SmsSid=SM7c889084ee9850fdbfd14d9f987d48d6&SmsStatus=received&To=%2B14089132984',
      });
      const run = await running;
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /No messages yet\./);
      assert.match(run.stdout, /"SmsSid":"SM7c889084ee9850fdbfd14d9f987d48d6"/);
      assert.equal(await depth('SMS'), 0);
    } finally {
      await backend.command('pubsub', 'setPollCap', { ms: null });
    }
  });

  it('call-hello-world.sh answers the call with its Say XML', async () => {
    const running = runScript('call-hello-world.sh', 15_000);
    const callSid = 'CA5b6c0a8e1a2d4b7f9c3e2d1f0a9b8c7d';
    const xml = await platformCall(`${base}/${accountSid}/call.xml`, { AccountSid: accountSid, CallSid: callSid, CallStatus: 'in-progress', From: '+18457026652', To: '+14083511240' });
    assert.equal(xml, `<Response>\n<Say>Unit test successful</Say>\n<Redirect>/${accountSid}/call.xml</Redirect>\n</Response>`);
    const run = await running;
    assert.equal(run.code, 0, run.stderr);
  });

  it('call-gather.sh gathers digits through the action URL and says them back', async () => {
    const running = runScript('call-gather.sh', 20_000);
    const callSid = 'CAd41c9e1f0b2a4c6e8f0a1b2c3d4e5f60';
    const gather = await platformCall(`${base}/${accountSid}/call.xml`, { AccountSid: accountSid, CallSid: callSid, CallStatus: 'in-progress' });
    assert.match(gather, /<Gather action="[^"]+" timeout="10" finishOnKey="#" numDigits="2">/);
    const action = /action="([^"]+)"/.exec(gather)?.[1] ?? '';
    assert.ok(action.startsWith(`${base}/${accountSid}/calls/events/NodeId-11/${callSid}.xml?event-type=gather-action`), action);
    const goodbye = await platformCall(action, { AccountSid: accountSid, CallSid: callSid, Digits: '42' });
    assert.match(goodbye, /<Say>You pressed 42\. Good bye\.<\/Say>/);
    const run = await running;
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`Call Call Answered: ${callSid}`));
    assert.match(run.stdout, /Got Digits: 42/);
  });
});
