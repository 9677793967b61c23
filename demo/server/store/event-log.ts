import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An append-only JSON-lines log. Without a data directory it only keeps records in memory;
 * with one, every record is appended to `<dataDir>/<name>.jsonl` as it happens and read back
 * on start, so a restarted backend replays its history.
 */
export class EventLog<T> {
  readonly #file: string | undefined;
  readonly #records: T[] = [];

  constructor(dataDir: string | undefined, name: string) {
    if (!dataDir) return;
    mkdirSync(dataDir, { recursive: true });
    this.#file = join(dataDir, `${name}.jsonl`);
    if (!existsSync(this.#file)) return;
    for (const line of readFileSync(this.#file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        this.#records.push(JSON.parse(line) as T);
      } catch {
        // A torn last line from a crash mid-write is skipped; everything before it is kept.
        console.warn(`[backend] skipped a malformed line in ${this.#file}`);
      }
    }
  }

  /** Records already in the log, oldest first. */
  get records(): readonly T[] {
    return this.#records;
  }

  /** Appends a record (and writes it through when persisted). */
  append(record: T): void {
    this.#records.push(record);
    if (this.#file) appendFileSync(this.#file, `${JSON.stringify(record)}\n`);
  }
}
