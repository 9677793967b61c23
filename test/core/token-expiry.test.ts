import { expect } from '@open-wc/testing';
import { TokenError } from '../../src/core/token-error.js';
import { checkToken, jwtOf, tokenExpiry } from '../../src/core/token-expiry.js';

/** base64url of a string's UTF-8 bytes, as JWT segments are encoded. */
function base64url(text: string): string {
  const binary = Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An unsigned test JWT; the signature is irrelevant on the client. */
function jwt(payload: unknown): string {
  return `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}.c2lnbmF0dXJl`;
}

function caught(run: () => unknown): TokenError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(TokenError);
    return error as TokenError;
  }
  throw new Error('expected a TokenError');
}

const EXP = 1_767_225_600; // 2026-01-01T00:00:00Z in seconds

describe('tokenExpiry', () => {
  it('decodes exp of a plain three-part JWT into ms', () => {
    expect(tokenExpiry(jwt({ sub: 'u1', exp: EXP }))).to.equal(EXP * 1000);
  });

  it('decodes exp of a jwt.-prefixed token as the chat platform SDK passes them', () => {
    expect(tokenExpiry(`jwt.${jwt({ exp: EXP + 60 })}`)).to.equal((EXP + 60) * 1000);
  });

  it('decodes payloads with non-ASCII claims and base64url characters', () => {
    expect(tokenExpiry(jwt({ name: 'Zoë ✓ ~~~???>>>', exp: EXP }))).to.equal(EXP * 1000);
  });

  it('keeps a fractional exp', () => {
    expect(tokenExpiry(jwt({ exp: EXP + 0.5 }))).to.equal(EXP * 1000 + 500);
  });

  it('treats a token without dots, or with other than three parts, as opaque', () => {
    expect(tokenExpiry('2YotnFZFEjr1zCsicMWpAA')).to.equal(undefined);
    expect(tokenExpiry('ya29.a0AfH6SMBx')).to.equal(undefined);
    expect(tokenExpiry('a.b.c.d.e')).to.equal(undefined);
    expect(tokenExpiry('jwt.opaque')).to.equal(undefined);
  });

  it('rejects a three-part token whose payload is not base64url JSON as invalid-token', () => {
    expect(caught(() => tokenExpiry('header.%%%.sig')).code).to.equal('invalid-token');
    expect(caught(() => tokenExpiry(`h.${base64url('not json')}.s`)).code).to.equal('invalid-token');
    expect(caught(() => tokenExpiry('..')).code).to.equal('invalid-token');
    expect(caught(() => tokenExpiry('jwt.a.b.c')).code).to.equal('invalid-token');
  });

  it('rejects a JWT whose exp is missing or not a finite number', () => {
    for (const payload of [{ sub: 'u1' }, { exp: String(EXP) }, { exp: null }, { exp: [EXP] }, 5, null, [1, 2]]) {
      const error = caught(() => tokenExpiry(jwt(payload)));
      expect(error.code).to.equal('invalid-token');
      expect(error.message).to.contain('exp');
    }
    // JSON has no Infinity, but a hand-made payload can overflow to it.
    expect(caught(() => tokenExpiry(`h.${base64url('{"exp":1e999}')}.s`)).code).to.equal('invalid-token');
  });

  it('never quotes the token or its decoded payload in the message', () => {
    const secretPayload = `h.${base64url('{"secret":"hunter2-SECRET"')}.s`;
    const error = caught(() => tokenExpiry(secretPayload));
    expect(error.message).not.to.contain('hunter2');
    expect(error.message).not.to.contain(secretPayload);
    expect(error.cause).to.equal(undefined);
  });
});

describe('jwtOf', () => {
  it('strips the vendor prefix and returns undefined for opaque tokens', () => {
    const token = jwt({ exp: EXP });
    expect(jwtOf(`jwt.${token}`)).to.equal(token);
    expect(jwtOf(token)).to.equal(token);
    expect(jwtOf('opaque')).to.equal(undefined);
  });
});

describe('checkToken', () => {
  const now = EXP * 1000;

  it('accepts an opaque token with no expiry and trims surrounding whitespace', () => {
    expect(checkToken('  opaque-token\n', now, 'test')).to.deep.equal({ token: 'opaque-token', expiresAt: undefined });
  });

  it('accepts a JWT that expires after now', () => {
    const token = jwt({ exp: EXP + 1 });
    expect(checkToken(token, now, 'test')).to.deep.equal({ token, expiresAt: now + 1000 });
  });

  it('rejects non-strings as invalid-token, naming the type but not the value', () => {
    for (const value of [undefined, null, 42, {}, { token: 'in-an-object' }, ['a'], true]) {
      const error = caught(() => checkToken(value, now, 'the token provider for "ccaas"'));
      expect(error.code).to.equal('invalid-token');
      expect(error.message).to.contain('the token provider for "ccaas"');
      expect(error.message).not.to.contain('in-an-object');
    }
  });

  it('rejects empty, blank and whitespace-containing strings as invalid-token', () => {
    expect(caught(() => checkToken('', now, 'test')).code).to.equal('invalid-token');
    expect(caught(() => checkToken(' \n\t', now, 'test')).code).to.equal('invalid-token');
    const header = caught(() => checkToken('Bearer abc.def', now, 'test'));
    expect(header.code).to.equal('invalid-token');
    expect(header.message).to.contain('Authorization header');
    expect(header.message).not.to.contain('abc.def');
  });

  it('rejects a JWT that expired at or before now as expired-token', () => {
    const exactly = jwt({ exp: EXP });
    const error = caught(() => checkToken(exactly, now, 'test'));
    expect(error.code).to.equal('expired-token');
    expect(error.message).not.to.contain(exactly);
    expect(caught(() => checkToken(`jwt.${jwt({ exp: EXP - 3600 })}`, now, 'test')).message).to.contain('3600 s ago');
  });

  it('reports a malformed JWT as invalid-token with the source named', () => {
    const error = caught(() => checkToken('a.b.c', now, 'setToken'));
    expect(error.code).to.equal('invalid-token');
    expect(error.message).to.match(/^setToken gave an invalid token/);
    expect(error.message).not.to.contain('a.b.c');
  });
});
