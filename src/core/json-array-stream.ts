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

type Phase = 'before-array' | 'before-element' | 'after-comma' | 'in-element' | 'after-array' | 'failed';

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\uFEFF']);

/**
 * Incremental parser of a JSON array arriving in chunks: each element is returned as soon as its
 * last character has arrived. It only scans for element boundaries (strings, escapes and nesting
 * depth) and hands each element's text to `JSON.parse`, so a malformed element costs just itself.
 * A body that is not an array, or has data after it, throws `JsonArrayStreamError`.
 */
export class JsonArrayStream {
  readonly #onError: ((error: JsonArrayStreamError) => void) | undefined;
  readonly #maxElementChars: number;
  #phase: Phase = 'before-array';
  #element = '';
  #depth = 0;
  #inString = false;
  #escaped = false;
  #failure: JsonArrayStreamError | undefined;

  constructor(options: JsonArrayStreamOptions = {}) {
    this.#onError = options.onError;
    this.#maxElementChars = options.maxElementChars ?? 1_000_000;
  }

  /** True once the closing `]` has been read. */
  get complete(): boolean {
    return this.#phase === 'after-array';
  }

  /** Feeds the next chunk of text; returns the elements it completed. Throws if the array is broken. */
  push(chunk: string): unknown[] {
    if (this.#failure) throw this.#failure;
    const out: unknown[] = [];
    let start = -1; // where the current element's text begins inside this chunk
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk[i]!;
      switch (this.#phase) {
        case 'before-array':
          if (WHITESPACE.has(c)) continue;
          if (c !== '[') this.#fail(`expected a JSON array, found ${JSON.stringify(c)}`);
          this.#phase = 'before-element';
          continue;
        case 'after-array':
          if (!WHITESPACE.has(c)) this.#fail(`unexpected ${JSON.stringify(c)} after the end of the array`);
          continue;
        case 'before-element':
        case 'after-comma':
          if (WHITESPACE.has(c)) continue;
          if (c === ']' && this.#phase === 'before-element') {
            this.#phase = 'after-array';
            continue;
          }
          this.#phase = 'in-element';
          start = i;
          break;
        case 'in-element':
          if (start === -1) start = i;
          break;
        case 'failed':
          throw this.#failure;
      }
      // Inside an element: track strings and depth to find the comma or bracket that ends it.
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === '\\') this.#escaped = true;
        else if (c === '"') this.#inString = false;
        continue;
      }
      if (c === '"') this.#inString = true;
      else if (c === '[' || c === '{') this.#depth += 1;
      else if ((c === ']' || c === '}') && this.#depth > 0) this.#depth -= 1;
      else if ((c === ',' || c === ']') && this.#depth === 0) {
        this.#element += chunk.slice(start, i);
        start = -1;
        this.#finishElement(out, c === ']');
        this.#phase = c === ']' ? 'after-array' : 'after-comma';
      }
    }
    if (start !== -1) this.#element += chunk.slice(start);
    if (this.#element.length > this.#maxElementChars) this.#fail(`an element is longer than ${this.#maxElementChars} characters`);
    return out;
  }

  /** Declares the input finished; throws if the array never closed. */
  end(): void {
    if (this.#failure) throw this.#failure;
    if (this.#phase === 'after-array') return;
    this.#fail(this.#phase === 'before-array' ? 'empty body: expected a JSON array' : 'the array ended before its closing bracket');
  }

  #finishElement(out: unknown[], closing: boolean): void {
    const text = this.#element.trim();
    this.#element = '';
    this.#depth = 0;
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

  #fail(message: string): never {
    this.#phase = 'failed';
    this.#failure = new JsonArrayStreamError(message);
    throw this.#failure;
  }
}
