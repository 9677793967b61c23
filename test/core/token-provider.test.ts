import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { TokenError } from '../../src/core/token-error.js';
import { type TokenRequest, callTokenProvider, resolveTokenProvider } from '../../src/core/token-provider.js';

function caught(run: () => unknown): TokenError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(TokenError);
    return error as TokenError;
  }
  throw new Error('expected a TokenError');
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const request: TokenRequest = { service: 'ccaas', reason: 'initial' };

describe('resolveTokenProvider', () => {
  it('returns a function as it is', () => {
    const provider = () => 'token';
    expect(resolveTokenProvider(provider)).to.equal(provider);
  });

  it('resolves a dot path under the root and calls it with its owner as this', async () => {
    const auth = {
      prefix: 'tok-',
      getToken(this: { prefix: string }, r: TokenRequest) {
        return `${this.prefix}${r.service}-${r.reason}`;
      },
    };
    const provider = resolveTokenProvider('app.auth.getToken', { app: { auth } });
    expect(await provider({ service: 'spaces', reason: 'refresh' })).to.equal('tok-spaces-refresh');
  });

  it('resolves a real global, with or without a window. prefix, trimming spaces', () => {
    const global = globalThis as unknown as Record<string, unknown>;
    global.__tokenTestApp = { getToken: () => 'from-global' };
    try {
      expect(resolveTokenProvider(' __tokenTestApp.getToken ')(request)).to.equal('from-global');
      expect(resolveTokenProvider('window.__tokenTestApp.getToken')(request)).to.equal('from-global');
    } finally {
      delete global.__tokenTestApp;
    }
  });

  it('resolves methods inherited from a class prototype', () => {
    class Auth {
      getToken() {
        return 'from-class';
      }
    }
    expect(resolveTokenProvider('auth.getToken', { auth: new Auth() })(request)).to.equal('from-class');
  });

  it('reports a missing leaf as provider-missing naming the path and what to define', () => {
    const error = caught(() => resolveTokenProvider('app.auth.getToken', { app: { auth: {} } }));
    expect(error.code).to.equal('provider-missing');
    expect(error.message).to.contain('"app.auth.getToken"');
    expect(error.message).to.contain('window.app.auth.getToken =');
  });

  it('reports a missing intermediate object as provider-missing naming where the walk stopped', () => {
    const error = caught(() => resolveTokenProvider('app.auth.getToken', {}));
    expect(error.code).to.equal('provider-missing');
    expect(error.message).to.contain('"app" is undefined');
    expect(caught(() => resolveTokenProvider('app.auth.getToken', { app: {} })).message).to.contain('"app.auth" is undefined');
    expect(caught(() => resolveTokenProvider('app.auth.getToken', { app: null })).message).to.contain('"app" is null');
  });

  it('reports a non-function at the path as provider-not-function', () => {
    const error = caught(() => resolveTokenProvider('app.token', { app: { token: 'abc' } }));
    expect(error.code).to.equal('provider-not-function');
    expect(error.message).to.contain('"app.token" is a string, not a function');
    expect(error.message).not.to.contain('abc');
    expect(caught(() => resolveTokenProvider('app', { app: { getToken() {} } })).code).to.equal('provider-not-function');
  });

  it('reports null, undefined and empty paths as provider-missing', () => {
    expect(caught(() => resolveTokenProvider(null)).code).to.equal('provider-missing');
    expect(caught(() => resolveTokenProvider(undefined)).code).to.equal('provider-missing');
    expect(caught(() => resolveTokenProvider('')).code).to.equal('provider-missing');
    expect(caught(() => resolveTokenProvider('app..getToken', {})).code).to.equal('provider-missing');
  });

  it('names the caller’s attribute and property in its messages (token-provider by default)', () => {
    expect(caught(() => resolveTokenProvider(null)).message).to.contain('set the tokenProvider property, or token-provider to');
    expect(caught(() => resolveTokenProvider(null, globalThis, 'session-provider')).message).to.contain('set the sessionProvider property, or session-provider to');
    expect(caught(() => resolveTokenProvider('eyJhbGciOi.x.y', globalThis, 'session-provider')).message).to.match(/^session-provider is not a dot path/);
  });

  it('reports values of other types as provider-not-function', () => {
    expect(caught(() => resolveTokenProvider(42 as unknown as string)).code).to.equal('provider-not-function');
    expect(caught(() => resolveTokenProvider({} as unknown as string)).code).to.equal('provider-not-function');
  });

  it('refuses paths into prototypes instead of reaching Function or Object', () => {
    for (const path of ['constructor.constructor', 'app.__proto__.toString', 'Object.prototype.toString']) {
      expect(caught(() => resolveTokenProvider(path, { app: {} })).code).to.equal('provider-missing');
    }
  });

  it('never echoes a token pasted where the path belongs', () => {
    const pasted = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2ln';
    for (const value of [pasted, `jwt.${pasted}`, 'not a path at all']) {
      const error = caught(() => resolveTokenProvider(value, {}));
      expect(error.code).to.equal('provider-missing');
      expect(error.message).not.to.contain(value);
    }
  });
});

describe('callTokenProvider', () => {
  it('resolves with what a sync or async provider returns, passing the request', async () => {
    const clock = new ManualClock(0);
    const seen: TokenRequest[] = [];
    expect(await callTokenProvider((r) => (seen.push(r), 'sync'), request, { clock, timeoutMs: 100 })).to.equal('sync');
    expect(await callTokenProvider(async () => 'async', request, { clock, timeoutMs: 100 })).to.equal('async');
    expect(seen).to.deep.equal([request]);
    expect(clock.pending).to.equal(0);
  });

  it('wraps a throwing or rejecting provider as provider-failed with the cause', async () => {
    const clock = new ManualClock(0);
    const cause = new Error('backend said 500');
    const thrown = await rejection(callTokenProvider(() => { throw cause; }, request, { clock, timeoutMs: 100 }));
    expect((thrown as TokenError).code).to.equal('provider-failed');
    expect((thrown as TokenError).cause).to.equal(cause);
    const rejected = await rejection(callTokenProvider(() => Promise.reject(cause), request, { clock, timeoutMs: 100 }));
    expect((rejected as TokenError).code).to.equal('provider-failed');
    expect((rejected as TokenError).message).to.contain('"ccaas"');
    expect(clock.pending).to.equal(0);
  });

  it('times out a provider that never settles exactly at timeoutMs', async () => {
    const clock = new ManualClock(0);
    let error: unknown;
    void callTokenProvider(() => new Promise<string>(() => {}), request, { clock, timeoutMs: 15_000 }).catch((e) => (error = e));
    await clock.advance(14_999);
    expect(error).to.equal(undefined);
    await clock.advance(1);
    expect((error as TokenError).code).to.equal('provider-timeout');
    expect((error as TokenError).message).to.contain('15000 ms');
  });

  it('ignores a late answer after the timeout', async () => {
    const clock = new ManualClock(0);
    let answer!: (token: string) => void;
    const call = callTokenProvider(() => new Promise<string>((resolve) => (answer = resolve)), request, { clock, timeoutMs: 10 });
    await clock.advance(10);
    answer('late');
    expect(((await rejection(call)) as TokenError).code).to.equal('provider-timeout');
  });

  it('rejects with the signal reason when aborted and clears its timer', async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    const call = callTokenProvider(() => new Promise<string>(() => {}), request, { clock, timeoutMs: 10, signal: controller.signal });
    controller.abort(new Error('stop'));
    expect(((await rejection(call)) as Error).message).to.equal('stop');
    expect(clock.pending).to.equal(0);
    let called = false;
    const early = callTokenProvider(() => ((called = true), 'x'), request, { clock, timeoutMs: 10, signal: controller.signal });
    expect(((await rejection(early)) as Error).message).to.equal('stop');
    expect(called).to.equal(false);
  });
});
