/**
 * Decoding of character references in plain text, without an HTML parser (so no markup can ever
 * become an element, and no Trusted Types sink is touched). Numeric references follow the HTML
 * rules; named ones come from a table. Unknown names stay as written, as browsers leave them.
 * The full table of names is in `named-references.ts`, which loads with the sanitizer: the
 * elements decode the common names until then.
 */

/** The named references escaped text nearly always limits itself to. */
export const COMMON_NAMES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The HTML spec's remapping of C1 control references to the windows-1252 characters meant. */
const WINDOWS_1252: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

const REFERENCE = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

/** Decodes the numeric character references of plain text and the named ones `names` holds, without parsing markup. */
export function decodeReferences(text: string, names: Readonly<Record<string, string>> = COMMON_NAMES): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (match, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return match.endsWith(';') && Object.hasOwn(names, name) ? names[name]! : match;
    return fromCodePoint(decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16));
  });
}

function fromCodePoint(code: number): string {
  const mapped = WINDOWS_1252[code] ?? code;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(mapped);
}
