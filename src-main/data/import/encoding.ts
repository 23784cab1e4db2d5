/**
 * Text encoding from the first bytes of a file: byte-order marks first, then a UTF-8 validity
 * check, with Windows-1252 (a superset of Latin-1) for the old exports that are not UTF-8.
 * Also recognises files that are not text at all, so they fail with a clear message.
 */
import { DataError } from '../data-error';

export type DecoderName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingInfo {
  decoder: DecoderName;
  /** For the summary, e.g. "UTF-8 (BOM)". */
  label: string;
}

export const LATIN1: EncodingInfo = { decoder: 'windows-1252', label: 'Latin-1 (Windows-1252)' };

const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook is one: give it the .xlsx extension)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive (unpack it first)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel .xls workbook (save it as .xlsx or CSV)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

/** Length of a trailing, possibly cut UTF-8 sequence (0..3 bytes) to leave out of the validity check. */
export function cutTail(head: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, head.length); back++) {
    const b = head[head.length - back];
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? back : 0;
    }
    return 0;
  }
  return 0;
}

/**
 * @param head the first bytes of the file (64 KiB is plenty)
 * @param whole true when `head` is the whole file (no cut sequence at its end)
 */
export function detectEncoding(head: Uint8Array, whole: boolean): EncodingInfo {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { decoder: 'utf-8', label: 'UTF-8 (BOM)' };
  if (head[0] === 0xff && head[1] === 0xfe) return { decoder: 'utf-16le', label: 'UTF-16 LE' };
  if (head[0] === 0xfe && head[1] === 0xff) return { decoder: 'utf-16be', label: 'UTF-16 BE' };
  for (const s of SIGNATURES) {
    if (startsWith(head, s.bytes)) throw new DataError(`This file is ${s.what}, not a text table.`);
  }
  let zerosEven = 0;
  let zerosOdd = 0;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) {
      if (i % 2 === 0) zerosEven++;
      else zerosOdd++;
    } else if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  const pairs = head.length / 2;
  // UTF-16 without a byte-order mark: ASCII text has a zero in every other byte.
  if (pairs >= 2 && zerosOdd > pairs * 0.4 && zerosEven < pairs * 0.05)
    return { decoder: 'utf-16le', label: 'UTF-16 LE' };
  if (pairs >= 2 && zerosEven > pairs * 0.4 && zerosOdd < pairs * 0.05)
    return { decoder: 'utf-16be', label: 'UTF-16 BE' };
  if (zerosEven + zerosOdd > 0 || control > head.length * 0.01) {
    throw new DataError(
      'This file holds binary data (control bytes near its start), not a text table. Choose a CSV, TSV, TXT, XLSX or JSON file.',
    );
  }
  const checked = whole ? head : head.subarray(0, head.length - cutTail(head));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(checked);
    return { decoder: 'utf-8', label: 'UTF-8' };
  } catch {
    return LATIN1;
  }
}
