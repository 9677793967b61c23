import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration } from '../../demo/server/pubsub/durations.js';
import { parseDuration as clientParseDuration } from '../../src/pubsub/addressing.js';

describe('parseDuration (ttl and timeout values)', () => {
  for (const [text, ms] of [
    ['500ms', 500],
    ['5s', 5_000],
    ['90s', 90_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1_500],
    ['45', 45_000],
    ['0', 0],
    [' 2m ', 120_000],
  ] as const) {
    it(`reads "${text}" as ${ms} ms`, () => assert.equal(parseDuration(text), ms));
  }

  for (const text of ['', 'abc', '-5s', '5d', '5 s', 's', '1e3', '10m-', '0x10', '5S']) {
    it(`refuses "${text}"`, () => assert.equal(parseDuration(text), undefined));
  }

  it('reads every text the same way as the <pubsub-feed> client, which refuses nothing the service accepts', () => {
    const texts = ['500ms', '5s', '90s', '10m', '2h', '1h30m', '1m30s', '1.5s', '45', '0', '0s', ' 2m ', '1h0m5s', '0.25'];
    const refused = ['', 'abc', '-5s', '5d', '5 s', 's', '1e3', '10m-', '0x10', '5S', '1m 30s', 'Infinity', 'NaN'];
    for (const text of [...texts, ...refused]) assert.equal(clientParseDuration(text), parseDuration(text), `"${text}"`);
  });
});
