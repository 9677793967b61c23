import { expect } from '@open-wc/testing';
import { JsonArrayStream, JsonArrayStreamError } from '../../src/core/json-array-stream.js';

/** Feeds `chunks` in order and returns every element plus the malformed ones reported. */
function parse(chunks: string[]): { values: unknown[]; errors: JsonArrayStreamError[] } {
  const errors: JsonArrayStreamError[] = [];
  const stream = new JsonArrayStream({ onError: (e) => errors.push(e) });
  const values = chunks.flatMap((chunk) => stream.push(chunk));
  stream.end();
  return { values, errors };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const TRICKY = [
  { eventId: 'e1', text: 'brackets ] and , and { and [ inside' },
  { eventId: 'e2', text: 'escaped \\"quotes\\" and a backslash \\\\', nested: { list: [1, [2, { deep: true }], []], empty: {} } },
  'a string element with \u00e9 and \u2603 and emoji \ud83d\ude00',
  -12.5e3,
  true,
  null,
  [],
  { unicode: '\u0041\u005d\u002c' },
];

describe('JsonArrayStream', () => {
  it('returns every element of a whole array in one chunk', () => {
    expect(parse([JSON.stringify(TRICKY)]).values).to.deep.equal(TRICKY);
  });

  it('delivers an object, array or string as soon as its closing character arrives, before any comma', () => {
    const stream = new JsonArrayStream();
    expect(stream.push('[{"a":1}')).to.deep.equal([{ a: 1 }]);
    expect(stream.push(',')).to.deep.equal([]);
    expect(stream.push(' {"b":')).to.deep.equal([]);
    expect(stream.push('2}')).to.deep.equal([{ b: 2 }]);
    expect(stream.push('\n, [1, "]"]')).to.deep.equal([[1, ']']]);
    expect(stream.push(', "x\\"y"')).to.deep.equal(['x"y']);
    expect(stream.complete).to.equal(false);
    expect(stream.push(']')).to.deep.equal([]);
    expect(stream.complete).to.equal(true);
    stream.end();
  });

  it('delivers a number or literal at the comma or bracket after it, where it is known to have ended', () => {
    const stream = new JsonArrayStream();
    expect(stream.push('[12')).to.deep.equal([]);
    expect(stream.push('3, tr')).to.deep.equal([123]);
    expect(stream.push('ue')).to.deep.equal([]);
    expect(stream.push(']')).to.deep.equal([true]);
    stream.end();
  });

  it('reports text between a complete element and its comma as malformed, keeping the element', () => {
    const { values, errors } = parse(['[{"a":1} 5, {"b":2}}, "s"x, 3]']);
    expect(values).to.deep.equal([{ a: 1 }, { b: 2 }, 's', 3]);
    expect(errors.map((e) => [e.message, e.element])).to.deep.equal([
      ['unexpected text after an element', '5'],
      ['unexpected text after an element', '}'],
      ['unexpected text after an element', 'x'],
    ]);
  });

  it('gives the same result however a payload is split in two, at every index', () => {
    const payload = ` \n[ ${TRICKY.map((v) => JSON.stringify(v, null, 1)).join(' ,\n\t')} ]\r\n`;
    for (let i = 0; i <= payload.length; i += 1) {
      const { values, errors } = parse([payload.slice(0, i), payload.slice(i)]);
      expect(values, `split at ${i}`).to.deep.equal(TRICKY);
      expect(errors, `split at ${i}`).to.deep.equal([]);
    }
  });

  it('gives the same result when fed one character at a time and in three-way splits', () => {
    const payload = JSON.stringify(TRICKY);
    expect(parse([...payload]).values).to.deep.equal(TRICKY);
    for (let i = 0; i < payload.length; i += 7) {
      for (let j = i; j <= payload.length; j += 11) {
        expect(parse([payload.slice(0, i), payload.slice(i, j), payload.slice(j)]).values).to.deep.equal(TRICKY);
      }
    }
  });

  it('keeps escaped quotes and unicode escapes split right after the backslash', () => {
    const raw = '["a\\"b", "\\u00e9\\\\", "x\\\\"]';
    for (let i = 0; i <= raw.length; i += 1) {
      expect(parse([raw.slice(0, i), raw.slice(i)]).values, `split at ${i}`).to.deep.equal(['a"b', 'é\\', 'x\\']);
    }
  });

  it('parses an empty array, with or without whitespace inside', () => {
    expect(parse(['[]']).values).to.deep.equal([]);
    expect(parse([' [ \n ', ' ] ']).values).to.deep.equal([]);
  });

  it('skips a malformed element, reports it once, and goes on at the next comma', () => {
    const { values, errors } = parse(['[{"ok":1}, {"broken": tru}, {bad json], 7, "fine"]']);
    expect(values).to.deep.equal([{ ok: 1 }, 7, 'fine']);
    expect(errors).to.have.length(2);
    expect(errors[0]).to.be.instanceOf(JsonArrayStreamError);
    expect(errors[0]!.element).to.equal('{"broken": tru}');
    expect(errors[1]!.element).to.equal('{bad json]');
  });

  it('reports empty elements and a trailing comma without losing the others', () => {
    const { values, errors } = parse(['[1,,2,]']);
    expect(values).to.deep.equal([1, 2]);
    expect(errors.map((e) => e.message)).to.deep.equal(['empty element between commas', 'trailing comma before the closing bracket']);
  });

  it('throws for a top level that is not an array', () => {
    for (const body of ['{"eventId":"e1"}', '"text"', '42', 'null', '<html>502 Bad Gateway</html>']) {
      const error = thrown(() => new JsonArrayStream().push(body));
      expect(error, body).to.be.instanceOf(JsonArrayStreamError);
      expect((error as Error).message).to.match(/expected a JSON array/);
    }
  });

  it('throws on data after the closing bracket, keeping the elements already returned', () => {
    const stream = new JsonArrayStream();
    expect(stream.push('[1]')).to.deep.equal([1]);
    expect(thrown(() => stream.push(' [2]'))).to.be.instanceOf(JsonArrayStreamError);
    // A broken stream stays broken.
    expect(thrown(() => stream.push(']'))).to.be.instanceOf(JsonArrayStreamError);
    expect(thrown(() => stream.end())).to.be.instanceOf(JsonArrayStreamError);
  });

  it('throws from end() on an empty body or an array that never closed', () => {
    expect((thrown(() => new JsonArrayStream().end()) as Error).message).to.match(/empty body/);
    const stream = new JsonArrayStream();
    expect(stream.push('[1, {"a":')).to.deep.equal([1]);
    expect((thrown(() => stream.end()) as Error).message).to.match(/before its closing bracket/);
  });

  it('breaks off an element that grows past maxElementChars', () => {
    const stream = new JsonArrayStream({ maxElementChars: 10 });
    expect(stream.push('[1, "abcdefg')).to.deep.equal([1]);
    expect((thrown(() => stream.push('hijk')) as Error).message).to.match(/longer than 10/);
  });

  it('accepts a leading byte-order mark', () => {
    expect(parse(['\uFEFF[1]']).values).to.deep.equal([1]);
  });
});
