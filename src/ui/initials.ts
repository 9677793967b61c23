/** Up to two initials of a display name ("Ada Lovelace" → "AL"), for avatars without a picture. */
export function initialsOf(name: string): string {
  const words = name.replace(/\(.*?\)/g, ' ').trim().split(/[\s@._-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words.slice(0, 1);
  return letters.map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}

/** How many avatar colours there are (classes `hue-0` to `hue-11` in the shared styles). */
export const AVATAR_HUES = 12;

/** A stable colour slot for a person, so their avatar keeps its colour across renders and pages. */
export function hueOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(hash) % AVATAR_HUES;
}
