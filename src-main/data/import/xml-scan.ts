/**
 * A small scanner for the XML inside .xlsx files (SpreadsheetML): start and end tags with their
 * attributes, and the text between them. Enough for workbooks (no DTDs, no entities beyond
 * the predefined ones); it never builds a tree, so memory stays at the size of the text.
 * Namespace prefixes (`x:row`, as some producers write) are dropped from names.
 */

export type XmlToken =
  | { kind: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/y;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** OOXML writes characters XML cannot hold as _xHHHH_. */
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Decodes XML entities and OOXML's _xHHHH_ escapes. */
export function decodeXmlText(raw: string): string {
  let s = raw.includes('&')
    ? raw.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
        if (name) return NAMED[name];
        const code = dec ? Number(dec) : parseInt(hex ?? '', 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      })
    : raw;
  if (s.includes('_x')) s = s.replace(OOXML_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function attributes(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (!raw) return attrs;
  for (const m of raw.matchAll(ATTR)) attrs[m[1]] = decodeXmlText(m[2] ?? m[3] ?? '');
  return attrs;
}

/** Thrown when the text is not XML the scanner can follow. */
export class XmlScanError extends Error {}

/** Yields the tokens of `xml` from `from`; `onStep(position)` may stop or pause the caller between tokens. */
export function* scanXml(xml: string): Generator<XmlToken & { end: number }> {
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < xml.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(xml);
    if (!m) throw new XmlScanError(`unreadable XML at character ${at}`);
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) yield { kind: 'text', text: m[1], end: at };
    else if (m[3] !== undefined) {
      const name = localName(m[3]);
      if (m[2] === '/') yield { kind: 'close', name, end: at };
      else yield { kind: 'open', name, attrs: attributes(m[4]), selfClosing: m[5] === '/', end: at };
    } else if (m[6] !== undefined) yield { kind: 'text', text: decodeXmlText(m[6]), end: at };
  }
}
