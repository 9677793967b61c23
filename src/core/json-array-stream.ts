/** A problem found while reading a streamed JSON array. */
export class JsonArrayStreamError extends SyntaxError {
  override readonly name = 'JsonArrayStreamError';

  constructor(
    message: string,
    /** The raw text of a malformed element; undefined when the array itself is broken. */
    readonly element?: string,
  ) {
    super(message);
  }
}

/** Settings of a `JsonArrayStream`. */
export interface JsonArrayStreamOptions {
  /** Told about each malformed element, which is skipped; parsing goes on at the next element. */
  onError?: (error: JsonArrayStreamError) => void;
  /** An element longer than this many characters breaks the stream (default 1_000_000), bounding memory. */
  maxElementChars?: number;
}

// Where the scan is. Numbers rather than names: the minifier inlines them, and this is shipped code.
const BEFORE_ARRAY = 0;
const BEFORE_ELEMENT = 1;
const AFTER_COMMA = 2;
const IN_ELEMENT = 3;
const AFTER_ELEMENT = 4;
const AFTER_ARRAY = 5;
type Phase = typeof BEFORE_ARRAY | typeof BEFORE_ELEMENT | typeof AFTER_COMMA | typeof IN_ELEMENT | typeof AFTER_ELEMENT | typeof AFTER_ARRAY;

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\uFEFF']);

/**
 * Incremental parser of a JSON array arriving in chunks: each element is returned as soon as its
 * last character has arrived (an object, array or string at its closing character; a number or
 * literal at the comma or bracket after it, which is where it is known to end). It only scans for
 * element boundaries (strings, escapes and nesting depth) and hands each element's text to
 * `JSON.parse`, so a malformed element costs just itself. A body that is not an array, or has data
 * after it, throws `JsonArrayStreamError`.
 */
export class JsonArrayStream {
  readonly #onError: ((error: JsonArrayStreamError) => void) | undefined;
  readonly #maxElementChars: number;
  #phase: Phase = BEFORE_ARRAY;
  #element = '';
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** The current element is text found after a complete element, before its comma: reported, never parsed. */
  #junk = false;
  #failure: JsonArrayStreamError | undefined;

  constructor(options: JsonArrayStreamOptions = {}) {
    this.#onError = options.onError;
    this.#maxElementChars = options.maxElementChars ?? 1_000_000;
  }

  /** True once the closing `]` has been read. */
  get complete(): boolean {
    return this.#phase === AFTER_ARRAY;
  }

  /** Feeds the next chunk of text; returns the elements it completed. Throws if the array is broken. */
  push(chunk: string): unknown[] {
    if (this.#failure) throw this.#failure;
    const out: unknown[] = [];
    let start = -1; // where the current element's text begins inside this chunk
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk[i]!;
      switch (this.#phase) {
        case BEFORE_ARRAY:
          if (WHITESPACE.has(c)) continue;
          if (c !== '[') this.#fail(`expected a JSON array, found ${JSON.stringify(c)}`);
          this.#phase = BEFORE_ELEMENT;
          continue;
        case AFTER_ARRAY:
          if (!WHITESPACE.has(c)) this.#fail(`unexpected ${JSON.stringify(c)} after the end of the array`);
          continue;
        case AFTER_ELEMENT:
          if (WHITESPACE.has(c)) continue;
          if (c === ',' || c === ']') {
            this.#phase = c === ']' ? AFTER_ARRAY : AFTER_COMMA;
            continue;
          }
          // Text between a complete element and its comma is a malformed element of its own.
          this.#junk = true;
          this.#phase = IN_ELEMENT;
          start = i;
          break;
        case BEFORE_ELEMENT:
        case AFTER_COMMA:
          if (WHITESPACE.has(c)) continue;
          if (c === ']' && this.#phase === BEFORE_ELEMENT) {
            this.#phase = AFTER_ARRAY;
            continue;
          }
          this.#phase = IN_ELEMENT;
          start = i;
          break;
        case IN_ELEMENT:
          if (start === -1) start = i;
          break;
      }
      // Inside an element: track strings and depth to find the character that ends it.
      let closed = false;
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === '\\') this.#escaped = true;
        else if (c === '"') {
          this.#inString = false;
          closed = this.#depth === 0;
        }
      } else if (c === '"') this.#inString = true;
      else if (c === '[' || c === '{') this.#depth += 1;
      else if ((c === ']' || c === '}') && this.#depth > 0) closed = --this.#depth === 0;
      else if ((c === ',' || c === ']') && this.#depth === 0) {
        this.#element += chunk.slice(start, i);
        start = -1;
        this.#finishElement(out, c === ']');
        this.#phase = c === ']' ? AFTER_ARRAY : AFTER_COMMA;
      }
      // An object, array or string is whole at its closing character: no need to wait for the comma.
      if (closed && !this.#junk) {
        this.#element += chunk.slice(start, i + 1);
        start = -1;
        this.#finishElement(out, false);
        this.#phase = AFTER_ELEMENT;
      }
    }
    if (start !== -1) this.#element += chunk.slice(start);
    if (this.#element.length > this.#maxElementChars) this.#fail(`an element is longer than ${this.#maxElementChars} characters`);
    return out;
  }

  /** Declares the input finished; throws if the array never closed. */
  end(): void {
    if (this.#failure) throw this.#failure;
    if (this.#phase === AFTER_ARRAY) return;
    this.#fail(this.#phase === BEFORE_ARRAY ? 'empty body: expected a JSON array' : 'the array ended before its closing bracket');
  }

  #finishElement(out: unknown[], closing: boolean): void {
    const text = this.#element.trim();
    this.#element = '';
    this.#depth = 0;
    if (this.#junk) {
      this.#junk = false;
      this.#report(new JsonArrayStreamError('unexpected text after an element', text));
      return;
    }
    if (text === '') {
      this.#report(new JsonArrayStreamError(closing ? 'trailing comma before the closing bracket' : 'empty element between commas', text));
      return;
    }
    try {
      out.push(JSON.parse(text));
    } catch (error) {
      this.#report(new JsonArrayStreamError(`malformed element: ${(error as Error).message}`, text));
    }
  }

  #report(error: JsonArrayStreamError): void {
    this.#onError?.(error);
  }

  /** Breaks the stream for good: every later push() and end() throws the same error. */
  #fail(message: string): never {
    this.#failure = new JsonArrayStreamError(message);
    throw this.#failure;
  }
}
