import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../../demo/server/backend.js';
import { api, connected, joinAs, next, openSocket, startQuietBackend, subscribe, tokenFor } from './spaces-support.js';

type Message = { _id: string; topicId: string; category: string; created: string; sender: { _id: string }; content: { bodyText: string; status?: string; data?: Record<string, unknown>[] }; clientId?: string };
type Page = { data: Message[]; total: number; nextPageUrl: string; prevPageUrl: string };

let backend: Backend;
let alice: string;
let bob: string;
let carol: string;

before(async () => {
  backend = await startQuietBackend();
  [alice, bob, carol] = await Promise.all(['u-alice', 'u-bob', 'u-carol'].map((user) => tokenFor(backend, user)));
});
after(() => backend.close());

describe('REST authentication', () => {
  it('answers 401 problem documents for a missing, malformed, expired or invalid token', async () => {
    const expired = await tokenFor(backend, 'u-alice', -30);
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /Authorization/],
      [{ authorization: `Basic ${alice}` }, /scheme/],
      [{ authorization: `jwt ${expired}` }, /expired/],
      [{ authorization: 'jwt abc.def.ghi' }, /invalid/],
    ];
    for (const [headers, detail] of cases) {
      const res = await fetch(`${backend.url}/api/users/me`, { headers });
      assert.equal(res.status, 401);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.match(((await res.json()) as { detail: string }).detail, detail);
    }
  });

  it('accepts jwt and bearer schemes for GET /users/me', async () => {
    for (const scheme of ['jwt', 'Bearer']) {
      const res = await fetch(`${backend.url}/api/users/me`, { headers: { authorization: `${scheme} ${alice}` } });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { _id: 'u-alice', type: 'user', username: 'alice@example.com', displayname: 'Alice Nguyen', picture_url: '' });
    }
  });
});

describe('spaces and members', () => {
  it('lists the user spaces with topictype and size', async () => {
    const all = (await (await api(backend, alice, '/users/me/spaces')).json()) as { data: { _id: string; title: string }[]; total: number };
    assert.deepEqual(all.data.map((s) => s._id).sort(), ['sp-design', 'sp-general', 'sp-locked']);
    assert.equal(all.total, 3);
    const one = (await (await api(backend, alice, '/users/me/spaces?topictype=group&size=1')).json()) as { data: unknown[]; total: number };
    assert.equal(one.data.length, 1);
    assert.equal(one.total, 3);
    const carols = (await (await api(backend, carol, '/users/me/spaces')).json()) as { data: { _id: string }[] };
    assert.equal(carols.data.some((s) => s._id === 'sp-design'), false);
    assert.equal((await api(backend, alice, '/users/me/spaces?topictype=secret')).status, 400);
  });

  it('gives space info with its title but never its PIN', async () => {
    const res = await api(backend, alice, '/spaces/sp-locked');
    assert.equal(res.status, 200);
    const space = (await res.json()) as Record<string, unknown>;
    assert.equal(space.title, 'Locked room');
    assert.deepEqual(space.settings, { passwordProtected: true, allowGuests: false });
    assert.equal('password' in space, false);
    assert.equal((await api(backend, carol, '/spaces/sp-design')).status, 403);
    assert.equal((await api(backend, alice, '/spaces/sp-nowhere')).status, 404);
  });

  it('lists members with their names', async () => {
    const body = (await (await api(backend, bob, '/spaces/sp-design/members')).json()) as { data: { _id: string; displayname: string; username: string; role: string }[]; total: number };
    assert.equal(body.total, 2);
    assert.deepEqual(body.data.map((m) => [m._id, m.displayname, m.role]), [['u-alice', 'Alice Nguyen', 'admin'], ['u-bob', 'Bob Martins', 'member']]);
  });

  it('needs the PIN header for a locked space', async () => {
    assert.equal((await api(backend, alice, '/spaces/sp-locked/messages/query')).status, 403);
    assert.equal((await api(backend, alice, '/spaces/sp-locked/messages/query', { headers: { 'spaces-x-space-password': '0000' } })).status, 403);
    const res = await api(backend, alice, '/spaces/sp-locked/messages/query', { headers: { 'spaces-x-space-password': '2468' } });
    assert.equal(res.status, 200);
    assert.ok(((await res.json()) as Page).data.length >= 1);
  });

  it('serves the seeded history of sp-general with vendor-style HTML bodies, a post and a task', async () => {
    const page = (await (await api(backend, alice, '/spaces/sp-general/messages/query?size=50')).json()) as Page;
    assert.ok(page.data.length >= 12);
    const bodies = page.data.map((m) => m.content.bodyText).join('\n');
    assert.match(bodies, /<mention id="u-bob" type="user" value="Bob Martins">@Bob Martins<\/mention>/);
    assert.match(bodies, /<pre>/);
    assert.match(bodies, /&#x27;/);
    assert.ok(page.data.some((m) => m.category === 'idea'));
    assert.ok(page.data.some((m) => m.category === 'task' && m.content.status === 'pending'));
    const times = page.data.map((m) => Date.parse(m.created));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.ok(Date.now() - Math.min(...times) <= 48 * 3600_000 + 60_000);
  });
});

describe('API Send', () => {
  it('broadcasts a posted chat to subscribed sockets and echoes clientId in the reply only', async () => {
    const socket = await joinAs(backend, 'u-bob', ['sp-design']);
    try {
      const heard = next<Message>(socket, 'MESSAGE_SENT');
      const res = await api(backend, alice, '/spaces/sp-design/chats', { method: 'POST', json: { content: { bodyText: 'via REST' }, clientId: 'c-1' } });
      assert.equal(res.status, 200);
      const reply = (await res.json()) as Message;
      assert.equal(reply.clientId, 'c-1');
      const message = await heard;
      assert.equal(message._id, reply._id);
      assert.equal(message.sender._id, 'u-alice');
      assert.equal('clientId' in message, false);
    } finally {
      socket.close();
    }
  });

  it('creates posts and tasks on their own paths', async () => {
    const idea = (await (await api(backend, alice, '/spaces/sp-design/ideas', { method: 'POST', json: { content: { bodyText: 'Idea', description: 'Longer text' } } })).json()) as Message;
    assert.equal(idea.category, 'idea');
    const task = (await (await api(backend, alice, '/spaces/sp-design/tasks', { method: 'POST', json: { content: { bodyText: 'Task' } } })).json()) as Message;
    assert.equal(task.category, 'task');
    assert.equal(task.content.status, 'pending');
    const done = await api(backend, bob, `/spaces/sp-design/tasks/${task._id}`, { method: 'PUT', json: { content: { status: 'complete' } } });
    assert.equal(((await done.json()) as Message).content.status, 'complete');
    assert.equal((await api(backend, bob, `/spaces/sp-design/tasks/${idea._id}`, { method: 'PUT', json: { content: {} } })).status, 404);
  });

  it('refuses bad bodies with 4xx problem documents', async () => {
    const cases: [RequestInit & { json?: unknown }, number][] = [
      [{ method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } }, 400],
      [{ method: 'POST', json: [1, 2] }, 400],
      [{ method: 'POST', json: { content: 'text' } }, 400],
      [{ method: 'POST', json: { content: { bodyText: 12 } } }, 400],
      [{ method: 'POST', json: { content: { bodyText: 'x' }, clientId: { a: 1 } } }, 400],
      [{ method: 'POST', json: { content: { bodyText: 'x'.repeat(70_000) } } }, 413],
      [{ method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) }, 413],
    ];
    for (const [init, status] of cases) {
      const res = await api(backend, alice, '/spaces/sp-design/chats', init);
      assert.equal(res.status, status, JSON.stringify(init.json ?? init.body).slice(0, 60));
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
    assert.equal((await api(backend, carol, '/spaces/sp-design/chats', { method: 'POST', json: { content: { bodyText: 'x' } } })).status, 403);
  });
});

describe('history and catch-up', () => {
  let spaceId: string;
  const sent: Message[] = [];

  before(async () => {
    const direct = (await (await api(backend, alice, '/spaces/direct/user/u-carol')).json()) as { data: { _id: string }[] };
    spaceId = direct.data[0]!._id;
    for (let i = 0; i < 65; i++) {
      const res = await api(backend, i % 2 ? carol : alice, `/spaces/${spaceId}/chats`, { method: 'POST', json: { content: { bodyText: `m${i}` } } });
      sent.push((await res.json()) as Message);
    }
  });

  it('returns the same direct space to both people and refuses nonsense', async () => {
    const fromCarol = (await (await api(backend, carol, '/spaces/direct/user/u-alice')).json()) as { data: { _id: string; type: string }[] };
    assert.equal(fromCarol.data[0]!._id, spaceId);
    assert.equal(fromCarol.data[0]!.type, 'direct');
    assert.equal((await api(backend, alice, '/spaces/direct/user/u-alice')).status, 400);
    assert.equal((await api(backend, alice, '/spaces/direct/user/u-nobody')).status, 404);
    assert.equal((await api(backend, bob, `/spaces/${spaceId}/messages/query`)).status, 403);
  });

  it('pages backwards newest first across three pages and ends with nextPageUrl "end"', async () => {
    const seen: string[] = [];
    let page = (await (await api(backend, alice, `/spaces/${spaceId}/messages/query?direction=before`)).json()) as Page;
    const sizes: number[] = [];
    for (;;) {
      sizes.push(page.data.length);
      assert.equal(page.total, 65);
      seen.push(...page.data.map((m) => m.content.bodyText));
      if (page.nextPageUrl === 'end') break;
      assert.ok(page.nextPageUrl.startsWith(`${backend.url}/api/spaces/`));
      page = (await (await fetch(page.nextPageUrl, { headers: { authorization: `jwt ${alice}` } })).json()) as Page;
    }
    assert.deepEqual(sizes, [30, 30, 5]);
    assert.deepEqual(seen, sent.map((m) => m.content.bodyText).reverse());
  });

  it('pages forwards from a refTime and caps size at 50', async () => {
    const ref = Date.parse(sent[9]!.created);
    const page = (await (await api(backend, alice, `/spaces/${spaceId}/messages/query?refTime=${ref}&direction=after&size=500`)).json()) as Page;
    assert.equal(page.data.length, 50);
    assert.equal(page.data[0]!.content.bodyText, 'm10');
    assert.notEqual(page.nextPageUrl, 'end');
    const rest = (await (await fetch(page.nextPageUrl, { headers: { authorization: `jwt ${alice}` } })).json()) as Page;
    assert.deepEqual(rest.data.map((m) => m.content.bodyText), ['m60', 'm61', 'm62', 'm63', 'm64']);
    assert.equal(rest.nextPageUrl, 'end');
  });

  it('filters by category and refuses bad parameters', async () => {
    const ideas = (await (await api(backend, alice, `/spaces/${spaceId}/messages/query?category=idea`)).json()) as Page;
    assert.deepEqual(ideas.data, []);
    assert.equal(ideas.nextPageUrl, 'end');
    for (const query of ['direction=sideways', 'size=0', 'size=abc', 'refTime=yesterday-ish', 'category=poll']) {
      assert.equal((await api(backend, alice, `/spaces/${spaceId}/messages/query?${query}`)).status, 400, query);
    }
  });

  it('catches up across spaces in ascending order after a time', async () => {
    const after = Date.parse(sent[61]!.created);
    const res = await api(backend, alice, `/users/me/messages?spacelist=${spaceId},sp-design&after=${after}&size=2`);
    const page = (await res.json()) as Page;
    assert.deepEqual(page.data.map((m) => m.content.bodyText), ['m62', 'm63']);
    const rest = (await (await fetch(page.nextPageUrl, { headers: { authorization: `jwt ${alice}` } })).json()) as Page;
    assert.deepEqual(rest.data.map((m) => m.content.bodyText), ['m64']);
    assert.equal(rest.nextPageUrl, 'end');
    assert.equal((await api(backend, alice, `/users/me/messages?spacelist=${spaceId}`)).status, 400);
    assert.equal((await api(backend, carol, `/users/me/messages?spacelist=sp-design&after=0`)).status, 403);
  });
});

describe('file upload', () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]);
  const announce = async (type: string, size: number | string) => api(backend, alice, '/files/getuploadurl', { method: 'POST', json: { files: [{ 'Content-Type': type, 'Content-Length': size }] } });

  it('round-trips bytes and fills the file object of a message', async () => {
    const res = await announce('image/png', bytes.length);
    assert.equal(res.status, 200);
    const { data } = (await res.json()) as { data: { url: string; fileKey: string }[] };
    const { url, fileKey } = data[0]!;
    assert.ok(url.startsWith(backend.url));
    const put = await fetch(url, { method: 'PUT', body: bytes, headers: { 'content-type': 'image/png' } });
    assert.equal(put.status, 200);
    assert.equal((await fetch(url, { method: 'PUT', body: bytes, headers: { 'content-type': 'image/png' } })).status, 409);

    const socket = await joinAs(backend, 'u-bob', ['sp-design']);
    try {
      const heard = next<Message>(socket, 'MESSAGE_SENT');
      const sent = await api(backend, alice, '/spaces/sp-design/chats', { method: 'POST', json: { content: { bodyText: 'pic', data: [{ fileId: fileKey, name: 'dot.png' }] } } });
      assert.equal(sent.status, 200);
      const file = (await heard).content.data![0]!;
      assert.deepEqual(file, {
        fileId: fileKey,
        fileSize: bytes.length,
        fileType: 'image',
        name: 'dot.png',
        provider: 'native',
        providerFileType: 'image/png',
        path: url,
        previewUrl: url,
        thumbnailUrl: url,
        thumbnailFile: fileKey,
      });
      const got = await fetch(String(file.path));
      assert.equal(got.headers.get('content-type'), 'image/png');
      assert.match(got.headers.get('content-security-policy') ?? '', /sandbox/);
      assert.deepEqual(Buffer.from(await got.arrayBuffer()), bytes);
    } finally {
      socket.close();
    }
  });

  it('refuses a size or type mismatch, oversized and malformed announcements', async () => {
    const { data } = (await (await announce('application/pdf', 10)).json()) as { data: { url: string }[] };
    const url = data[0]!.url;
    assert.equal((await fetch(url, { method: 'PUT', body: Buffer.alloc(9), headers: { 'content-type': 'application/pdf' } })).status, 400);
    assert.equal((await fetch(url, { method: 'PUT', body: Buffer.alloc(11), headers: { 'content-type': 'application/pdf' } })).status, 413);
    assert.equal((await fetch(url, { method: 'PUT', body: Buffer.alloc(10), headers: { 'content-type': 'text/html' } })).status, 400);
    assert.equal((await fetch(url)).status, 404, 'nothing is served before a successful upload');
    assert.equal((await fetch(url, { method: 'PUT', body: Buffer.alloc(10), headers: { 'content-type': 'application/pdf' } })).status, 200);
    assert.equal((await announce('image/png', 11 * 1024 * 1024)).status, 413);
    for (const [type, size] of [['png', 10], ['image/png', -1], ['image/png', 'ten']] as const) assert.equal((await announce(type, size)).status, 400);
    assert.equal((await api(backend, alice, '/files/getuploadurl', { method: 'POST', json: { files: [] } })).status, 400);
    assert.equal((await api(backend, undefined, '/files/getuploadurl', { method: 'POST', json: { files: [] } })).status, 401);
    assert.equal((await fetch(`${backend.url}/spaces-files/not-a-key`, { method: 'PUT', body: 'x' })).status, 404);
    const unknown = await api(backend, alice, '/spaces/sp-design/chats', { method: 'POST', json: { content: { bodyText: 'x', data: [{ fileId: 'not-a-key' }] } } });
    assert.equal(unknown.status, 400);
  });
});

describe('guests', () => {
  it('gets a ~24 h token that can join sp-general but nothing else', async () => {
    const res = await api(backend, undefined, '/anonymous/auth', { method: 'POST', json: { displayname: 'Visitor', username: 'visitor-1' } });
    assert.equal(res.status, 200);
    const { token } = (await res.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; sub: string };
    assert.ok(Math.abs(claims.exp - Date.now() / 1000 - 86400) < 5);
    const me = (await (await api(backend, token, '/users/me')).json()) as { _id: string; type: string; displayname: string };
    assert.deepEqual([me._id, me.type, me.displayname], [claims.sub, 'anonymous', 'Visitor']);
    const members = (await (await api(backend, token, '/spaces/sp-general/members')).json()) as { data: { _id: string; role: string }[] };
    assert.ok(members.data.some((m) => m._id === claims.sub && m.role === 'guest'));
    assert.equal((await api(backend, token, '/spaces/sp-design/members')).status, 403);
    const socket = openSocket(backend, token);
    try {
      await connected(socket);
      await subscribe(socket, 'sp-general');
    } finally {
      socket.close();
    }
  });

  it('refuses bad guest details', async () => {
    for (const json of [{}, { displayname: '', username: 'x' }, { displayname: 'x'.repeat(71), username: 'x' }, { displayname: 'A', username: 5 }]) {
      assert.equal((await api(backend, undefined, '/anonymous/auth', { method: 'POST', json })).status, 400);
    }
  });
});

describe('persistence with a data directory', () => {
  it('keeps messages, task updates, files, guests and tokens across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spaces-data-'));
    try {
      let first: Backend | undefined = await startQuietBackend(dataDir);
      const token = await tokenFor(first, 'u-alice');
      const seeded = (await (await api(first, token, '/spaces/sp-general/messages/query')).json()) as Page;
      const posted = (await (await api(first, token, '/spaces/sp-design/tasks', { method: 'POST', json: { content: { bodyText: 'survive' } } })).json()) as Message;
      await api(first, token, `/spaces/sp-design/tasks/${posted._id}`, { method: 'PATCH', json: { content: { status: 'complete' } } });
      const { data } = (await (await api(first, token, '/files/getuploadurl', { method: 'POST', json: { files: [{ 'Content-Type': 'text/plain', 'Content-Length': 5 }] } })).json()) as { data: { fileKey: string }[] };
      const fileKey = data[0]!.fileKey;
      await fetch(`${first.url}/spaces-files/${fileKey}`, { method: 'PUT', body: 'hello', headers: { 'content-type': 'text/plain' } });
      const guest = (await (await api(first, undefined, '/anonymous/auth', { method: 'POST', json: { displayname: 'Returning guest', username: 'g' } })).json()) as { token: string };
      await first.close();
      first = undefined;

      const second = await startQuietBackend(dataDir);
      try {
        const page = (await (await api(second, token, '/spaces/sp-design/messages/query')).json()) as Page;
        const again = page.data.find((m) => m._id === posted._id);
        assert.equal(again?.content.status, 'complete');
        assert.equal(page.data.filter((m) => m._id === posted._id).length, 1);
        const general = (await (await api(second, token, '/spaces/sp-general/messages/query')).json()) as Page;
        assert.deepEqual(general.data.map((m) => m._id), seeded.data.map((m) => m._id), 'history is not seeded twice');
        assert.equal(await (await fetch(`${second.url}/spaces-files/${fileKey}`)).text(), 'hello');
        const me = (await (await api(second, guest.token, '/users/me')).json()) as { displayname: string };
        assert.equal(me.displayname, 'Returning guest');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
