import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventLog } from '../store/event-log.js';
import type { FileAttachment, StoredFile } from './types.js';

/** Largest file the emulation accepts. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Where uploads go and where files are served from (outside `/api`, like the vendor's storage bucket). */
export const FILES_PATH = '/spaces-files';

/**
 * Uploaded files. `getuploadurl` announces a file (type and size); the `PUT` to the handed-out
 * URL stores its bytes. With a data directory the bytes live in `<dataDir>/spaces-files/`.
 */
export class FileStore {
  readonly #files = new Map<string, StoredFile>();
  readonly #bytes = new Map<string, Buffer>();
  readonly #log: EventLog<StoredFile>;
  readonly #dir: string | undefined;

  constructor(dataDir: string | undefined) {
    this.#log = new EventLog<StoredFile>(dataDir, 'spaces-files');
    for (const file of this.#log.records) this.#files.set(file.fileKey, file);
    if (dataDir) {
      this.#dir = join(dataDir, 'spaces-files');
      mkdirSync(this.#dir, { recursive: true });
    }
  }

  /** Announces a file to be uploaded; its key is unguessable because the upload URL is the only credential. */
  announce(contentType: string, size: number, origin: string): StoredFile {
    const file: StoredFile = { fileKey: randomUUID(), contentType, size, origin, uploaded: false };
    this.#files.set(file.fileKey, file);
    this.#log.append(file);
    return file;
  }

  /** How many announced files have their bytes. */
  get uploadedCount(): number {
    let count = 0;
    for (const file of this.#files.values()) if (file.uploaded) count += 1;
    return count;
  }

  /** A file by key. */
  get(fileKey: string): StoredFile | undefined {
    return this.#files.get(fileKey);
  }

  /** Stores the bytes of an announced file. */
  store(file: StoredFile, bytes: Buffer): void {
    if (this.#dir) writeFileSync(join(this.#dir, file.fileKey), bytes);
    else this.#bytes.set(file.fileKey, bytes);
    const uploaded = { ...file, uploaded: true };
    this.#files.set(file.fileKey, uploaded);
    this.#log.append(uploaded);
  }

  /** The bytes of an uploaded file. */
  read(file: StoredFile): Buffer | undefined {
    if (!file.uploaded) return undefined;
    if (!this.#dir) return this.#bytes.get(file.fileKey);
    const path = join(this.#dir, file.fileKey);
    return existsSync(path) ? readFileSync(path) : undefined;
  }
}

/** The attachment object a message carries for an uploaded file. */
export function attachmentOf(file: StoredFile, name: string): FileAttachment {
  const path = `${file.origin}${FILES_PATH}/${file.fileKey}`;
  const fileType = fileTypeOf(file.contentType);
  return {
    fileId: file.fileKey,
    fileSize: file.size,
    fileType,
    name,
    provider: 'native',
    providerFileType: file.contentType,
    path,
    ...(fileType === 'image' ? { previewUrl: path, thumbnailUrl: path, thumbnailFile: file.fileKey } : {}),
  };
}

function fileTypeOf(contentType: string): FileAttachment['fileType'] {
  const major = contentType.split('/')[0];
  return major === 'image' || major === 'video' || major === 'audio' ? major : 'document';
}
