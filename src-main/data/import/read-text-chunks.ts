/**
 * Streams a file as decoded text chunks: the raw text of a large file is never held at once.
 * Reports progress (bytes read / size) a few times per second and stops on abort.
 */
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { type DecoderName, cutTail } from './encoding';

/** Raised when a file that looked like UTF-8 turns out not to be; the caller re-reads it as Latin-1. */
export class NotUtf8Error extends Error {
  constructor() {
    super('The file is not valid UTF-8.');
    this.name = 'NotUtf8Error';
  }
}

export interface ChunkOptions {
  decoder: DecoderName;
  sizeBytes: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number, bytesRead?: number) => void;
  chunkBytes?: number;
}

const PROGRESS_INTERVAL_MS = 250;

export async function* readTextChunks(path: string, opts: ChunkOptions): AsyncGenerator<string> {
  opts.signal?.throwIfAborted();
  // The byte-order mark is removed by hand at the start: a decoder that first sees bytes mid-file
  // (after ASCII chunks took the fast path) must not drop a U+FEFF found there.
  const decoder = new TextDecoder(opts.decoder, { fatal: opts.decoder === 'utf-8', ignoreBOM: true });
  // Most data files are pure ASCII: such chunks become strings by a plain byte copy, several times
  // faster than validating UTF-8. Allowed only while the decoder holds no cut multi-byte sequence.
  const asciiCompatible = opts.decoder === 'utf-8' || opts.decoder === 'windows-1252';
  let decoderIdle = true;
  let first = true;
  const stream = createReadStream(path, { highWaterMark: opts.chunkBytes ?? 1 << 20 });
  let read = 0;
  let lastReport = 0;
  try {
    for await (const buf of stream as AsyncIterable<Buffer>) {
      opts.signal?.throwIfAborted();
      read += buf.length;
      let text: string;
      if (asciiCompatible && decoderIdle && isAscii(buf)) {
        text = buf.toString('latin1');
      } else {
        try {
          text = decoder.decode(buf, { stream: true });
        } catch {
          throw new NotUtf8Error();
        }
        decoderIdle = opts.decoder !== 'utf-8' || cutTail(buf) === 0;
        if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text) {
        first = false;
        yield text;
      }
      const now = Date.now();
      if (opts.onProgress && now - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = now;
        opts.onProgress(opts.sizeBytes > 0 ? Math.min(1, read / opts.sizeBytes) : 1, read);
      }
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new NotUtf8Error();
    }
    if (tail) yield tail;
    opts.signal?.throwIfAborted();
  } finally {
    stream.destroy();
  }
}

/** The lines of a file (any line ending), streamed: the last line is yielded even without a final newline. */
export async function* readTextLines(path: string, opts: ChunkOptions): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of readTextChunks(path, opts)) {
    const parts = (rest + chunk).split(/\r\n|\n|\r/);
    rest = parts.pop() ?? '';
    yield* parts;
  }
  yield rest;
}
