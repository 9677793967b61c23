import { expect } from '@open-wc/testing';
import { createChatSdk } from '../../src/ccaas/index.js';
import { ChatSdkError, ErrorCode } from '../../src/ccaas/errors.js';
import { MemoryStorage, initParams } from './support.js';

async function initError(params: Record<string, unknown>, config: Record<string, unknown> = {}): Promise<ChatSdkError> {
  const sdk = createChatSdk();
  try {
    await sdk.init(params as never, { storage: new MemoryStorage(), ...config });
  } catch (error) {
    expect(sdk.initialized).to.equal(false);
    return error as ChatSdkError;
  }
  sdk.close();
  throw new Error(`init accepted ${JSON.stringify(config)}`);
}

describe('ccaas engine: init validation', () => {
  const ranges = {
    reconnectionTimeout: [120, 900],
    idleTimeout: [300, 3300],
    idleShutdownGraceTimeout: [30, 300],
  } as const;

  for (const [name, [min, max]] of Object.entries(ranges)) {
    for (const bad of [min - 1, max + 1, min + 0.5, String(min), Number.NaN, -1]) {
      it(`rejects ${name} = ${JSON.stringify(bad)} with ACS-322 naming the range`, async () => {
        const { user: _u, ...params } = await initParams();
        const error = await initError(params, { [name]: bad });
        expect(error).to.be.instanceOf(ChatSdkError);
        expect(error.code).to.equal(ErrorCode.CONSTRAINT_VIOLATION);
        expect(error.message).to.contain(name).and.contain(`${min} to ${max}`);
      });
    }
    it(`accepts ${name} at ${min} and ${max}`, async () => {
      for (const value of [min, max]) {
        const { user: _u, ...params } = await initParams();
        const sdk = createChatSdk();
        await sdk.init(params, { storage: new MemoryStorage(), [name]: value });
        expect(sdk.initialized).to.equal(true);
        sdk.close();
      }
    });
  }

  const hostile: [string, (p: Record<string, unknown>) => Record<string, unknown>, RegExp][] = [
    ['a missing hostURL', ({ hostURL: _h, ...p }) => p, /hostURL/],
    ['a relative hostURL', (p) => ({ ...p, hostURL: '/relative' }), /hostURL/],
    ['a javascript: hostURL', (p) => ({ ...p, hostURL: 'javascript:alert(1)' }), /http or https/],
    ['a missing integrationId', ({ integrationId: _i, ...p }) => p, /integrationId/],
    ['a missing appkey', ({ appkey: _a, ...p }) => p, /appkey/],
    ['no token and no provider', ({ token: _t, ...p }) => p, /token/],
    ['a 71-character displayName', (p) => ({ ...p, displayName: 'n'.repeat(71) }), /displayName.*70/],
    ['21 session parameters', (p) => ({ ...p, sessionParameters: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }), /20 keys/],
    ['a 65-character parameter key', (p) => ({ ...p, sessionParameters: { ['k'.repeat(65)]: 'v' } }), /keys must be 1–64/],
    ['a 257-character parameter value', (p) => ({ ...p, sessionParameters: { model: 'v'.repeat(257) } }), /256/],
    ['a non-string parameter value', (p) => ({ ...p, sessionParameters: { model: 5 } }), /must be a string/],
    ['an array as parameters', (p) => ({ ...p, sessionParameters: ['a'] }), /object/],
  ];
  for (const [what, change, message] of hostile) {
    it(`rejects ${what}`, async () => {
      const { user: _u, ...params } = await initParams();
      const error = await initError(change(params));
      expect(error.code).to.equal(ErrorCode.CONSTRAINT_VIOLATION);
      expect(error.message).to.match(message);
    });
  }

  it('rejects a malformed JWT with ACS-305 and an expired one with ACS-304, before any request', async () => {
    const { user, ...params } = await initParams();
    expect((await initError({ ...params, token: 'jwt.abc.def.ghi' })).code).to.equal(ErrorCode.TOKEN_INVALID);
    const { fetchToken } = await import('../support/backend.js');
    expect((await initError({ ...params, token: await fetchToken('ccaas', user, -60) })).code).to.equal(ErrorCode.TOKEN_EXPIRED);
  });

  it('accepts documented limits exactly (70-character name, 20 parameters of 64/256)', async () => {
    const { user: _u, ...params } = await initParams();
    const sessionParameters = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${i}`.padEnd(64, 'k'), 'v'.repeat(256)]));
    const sdk = createChatSdk();
    const context = await sdk.init({ ...params, displayName: 'n'.repeat(70), sessionParameters }, { storage: new MemoryStorage() });
    expect(context.displayName).to.have.length(70);
    expect(Object.keys(context.sessionParameters ?? {})).to.have.length(20);
    sdk.close();
  });

  it('validates timeouts changed on a running session (updateConfig) like init does', async () => {
    const { user: _u, ...params } = await initParams();
    const sdk = createChatSdk();
    await sdk.init(params, { storage: new MemoryStorage() });
    try {
      expect(() => sdk.updateConfig({ idleTimeout: 299 })).to.throw(ChatSdkError).with.property('code', ErrorCode.CONSTRAINT_VIOLATION);
      expect(() => sdk.updateConfig({ reconnectionTimeout: 901 })).to.throw(/reconnectionTimeout.*120 to 900/);
      expect(() => sdk.updateConfig({ idleShutdownGraceTimeout: 300 })).to.not.throw();
    } finally {
      sdk.close();
    }
    expect(() => sdk.updateConfig({ idleTimeout: 600 })).to.throw(ChatSdkError).with.property('code', ErrorCode.NOT_INITIALIZED);
  });

  it('honours logLevel: DEBUG tells each event, OFF keeps even a throwing handler quiet, WARN is the default; other values are refused', async () => {
    const lines: string[] = [];
    const saved = { debug: console.debug, info: console.info, warn: console.warn, error: console.error };
    for (const level of ['debug', 'info', 'warn', 'error'] as const) console[level] = (...args: unknown[]) => lines.push(`${level}: ${args.map(String).join(' ')}`);
    const run = async (logLevel: string | undefined) => {
      lines.length = 0;
      const sdk = createChatSdk();
      sdk.on('INITIALIZED', () => {
        throw new Error('a bug in the page');
      });
      const { user: _u, ...params } = await initParams();
      await sdk.init(params, { storage: new MemoryStorage(), ...(logLevel === undefined ? {} : { logLevel }) });
      sdk.close();
      return lines.filter((l) => l.includes('[ccaas-chat]'));
    };
    try {
      const debug = await run('DEBUG');
      expect(debug).to.include('debug: [ccaas-chat] INITIALIZED');
      expect(debug.some((l) => /^info: \[ccaas-chat\] session \S+ opened$/.test(l))).to.equal(true);
      expect(debug.some((l) => l.startsWith('error: [ccaas-chat] a INITIALIZED handler threw'))).to.equal(true);
      const byDefault = await run(undefined);
      expect(byDefault.map((l) => l.split(':')[0])).to.deep.equal(['error']);
      expect(await run('error')).to.have.length(1);
      expect(await run('OFF')).to.deep.equal([]);
    } finally {
      Object.assign(console, saved);
    }
    const { user: _u, ...params } = await initParams();
    const refused = await initError(params, { logLevel: 'VERBOSE' });
    expect(refused.code).to.equal(ErrorCode.CONSTRAINT_VIOLATION);
    expect(refused.message).to.contain('logLevel must be one of DEBUG, INFO, WARN, ERROR, OFF');
  });
});
