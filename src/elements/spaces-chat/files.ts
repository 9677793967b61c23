import { html, nothing, type TemplateResult } from 'lit';
import type { FileUpload } from '../../spaces/upload.js';
import type { SpacesFile } from '../../spaces/types.js';
import { paperclipIcon } from '../../ui/icons.js';
import { fill, type StringId } from './strings.js';

/** Attachments: image thumbnails and file links, only to http(s) URLs. */
export function renderFiles(files: SpacesFile[] | undefined, t: Record<StringId, string>): TemplateResult | typeof nothing {
  if (!files || files.length === 0) return nothing;
  return html`<div class="files">
    ${files.map((file) => {
      const url = safeUrl(file.path);
      if (!url) return html`<span>${file.name}</span>`;
      const thumb = safeUrl(file.thumbnailUrl ?? file.previewUrl ?? (file.fileType === 'image' ? file.path : undefined));
      return thumb
        ? html`<a href=${url} target="_blank" rel="noopener noreferrer"><img src=${thumb} alt=${file.name} loading="lazy" /></a>`
        : html`<a href=${url} target="_blank" rel="noopener noreferrer" download=${file.name}>${paperclipIcon} ${file.name || t.file}</a>`;
    })}
  </div>`;
}

/** Uploads in progress, each with a progress bar and a cancel button (`refocus` keeps focus in the element once the row goes). */
export function renderUploads(uploads: readonly FileUpload[], t: Record<StringId, string>, refocus: () => void): TemplateResult | typeof nothing {
  if (uploads.length === 0) return nothing;
  return html`<div class="uploads">
    ${uploads.map((u) => html`<div class="upload" part="upload">
      <span>${fill(t.uploading, { name: u.name })}</span>
      <progress max=${u.total || 1} .value=${u.loaded} aria-label=${fill(t.uploading, { name: u.name })}></progress>
      <button type="button" class="link-button" @click=${() => {
        refocus();
        u.cancel();
      }}>${t.cancel}</button>
    </div>`)}
  </div>`;
}

/** Only http(s) URLs reach `href`/`src`; anything else (javascript:, data:) is not linked. */
export function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
