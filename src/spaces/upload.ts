import { TypedEmitter } from '../core/typed-events.js';
import type { SpacesRestClient } from './rest-client.js';

/** Where an upload stands. */
export type UploadState = 'uploading' | 'done' | 'failed' | 'cancelled';

/** Events of an upload. */
export type UploadEvents = {
  /** Bytes sent so far. */
  progress: { loaded: number; total: number };
  /** Finished one way or another. */
  settled: { state: Exclude<UploadState, 'uploading'>; error?: string };
};

/**
 * One file going up: asks the server for an upload URL, PUTs the bytes with progress, and hands
 * the file key to `onUploaded` (which sends the message). `cancel()` aborts the transfer.
 */
export class FileUpload extends TypedEmitter<UploadEvents> {
  /** Identifies the upload in lists. */
  readonly id = `up-${Math.random().toString(36).slice(2, 10)}`;
  /** The file's name. */
  readonly name: string;
  /** Bytes sent. */
  loaded = 0;
  /** Bytes in all. */
  readonly total: number;
  /** Where it stands. */
  state: UploadState = 'uploading';
  readonly #abort = new AbortController();

  constructor(rest: SpacesRestClient, file: File, onUploaded: (fileKey: string) => void) {
    super();
    this.name = file.name;
    this.total = file.size;
    void this.#run(rest, file, onUploaded);
  }

  /** Stops the transfer; the message is not sent. */
  cancel(): void {
    if (this.state !== 'uploading') return;
    this.#abort.abort();
    this.#settle('cancelled');
  }

  async #run(rest: SpacesRestClient, file: File, onUploaded: (fileKey: string) => void): Promise<void> {
    try {
      const { url, fileKey } = await rest.uploadUrl(file);
      if (this.state !== 'uploading') return;
      await rest.putFile(url, file, ({ loaded, total }) => {
        this.loaded = loaded;
        this.emit('progress', { loaded, total });
      }, this.#abort.signal);
      if (this.state !== 'uploading') return;
      this.loaded = this.total;
      onUploaded(fileKey);
      this.#settle('done');
    } catch (error) {
      if (this.state === 'uploading') this.#settle('failed', (error as Error).message);
    }
  }

  #settle(state: Exclude<UploadState, 'uploading'>, error?: string): void {
    this.state = state;
    this.emit('settled', { state, ...(error ? { error } : {}) });
  }
}
