/**
 * Reads a plain-text corpus (.txt) into a one-column table named 'text'. Rows are paragraphs
 * when blank lines separate blocks of several lines (prose), otherwise one row per non-empty
 * line (one sentence, message or name per line).
 */
import { DataError } from '../data-error';
import type { LoadOptions, Table } from '../table';
import { LATIN1, detectEncoding } from './encoding';
import { readHead } from './read-delimited';
import { NotUtf8Error, readTextLines } from './read-text-chunks';
import { ebookFrame } from './ebook-frame';

export interface TextCorpusResult {
  table: Table;
  encoding: string;
  unit: 'line' | 'paragraph';
  /** A Project Gutenberg file: the lines left out around the book (ebook-frame.ts). */
  ebook?: { header: number; footer: number };
}

async function readLines(
  path: string,
  sizeBytes: number,
  decoder: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252',
  options: LoadOptions,
): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readTextLines(path, {
    decoder,
    sizeBytes,
    signal: options.signal,
    onProgress: options.onProgress,
  }))
    lines.push(line);
  return lines;
}

export async function readTextCorpus(path: string, sizeBytes: number, options: LoadOptions): Promise<TextCorpusResult> {
  const head = await readHead(path);
  let encoding = detectEncoding(head, head.length >= sizeBytes);
  let lines: string[];
  try {
    lines = await readLines(path, sizeBytes, encoding.decoder, options);
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    encoding = LATIN1;
    lines = await readLines(path, sizeBytes, encoding.decoder, options);
  }
  const frame = ebookFrame(lines);
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const l of frame?.lines ?? lines) {
    if (l.trim() === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(l.trimEnd());
  }
  if (current.length) blocks.push(current);
  if (blocks.length === 0) throw new DataError('The file is empty: it holds no text.');
  const nonEmpty = blocks.reduce((n, b) => n + b.length, 0);
  const paragraphs = blocks.length >= 2 && nonEmpty / blocks.length >= 2;
  const values = paragraphs ? blocks.map((b) => b.join('\n')) : blocks.flat();
  options.onProgress?.(1);
  return {
    table: { columns: [{ name: 'text', type: 'text', values }], rowCount: values.length },
    encoding: encoding.label,
    unit: paragraphs ? 'paragraph' : 'line',
    ...(frame ? { ebook: { header: frame.header, footer: frame.footer } } : {}),
  };
}
