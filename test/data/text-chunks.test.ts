/**
 * Chunked decoding: pure-ASCII chunks skip the UTF-8 decoder, so the text must come out the same
 * whichever chunks take that path — multi-byte characters cut at chunk edges, a byte-order mark
 * at the start (dropped) and a U+FEFF later in the file (kept).
 */
import { describe, expect, it } from 'vitest';
import { NotUtf8Error, readTextChunks } from '../../src-main/data/import/read-text-chunks';
import { tempFile } from './helpers';

async function readAll(path: string, chunkBytes: number, decoder: 'utf-8' | 'windows-1252' = 'utf-8'): Promise<string> {
  let text = '';
  for await (const chunk of readTextChunks(path, { decoder, sizeBytes: 0, chunkBytes })) text += chunk;
  return text;
}

describe('readTextChunks', () => {
  // ASCII runs long enough that some chunks are pure ASCII, between non-ASCII characters of 2–4 bytes.
  const mixed = `${'a,1\n'.repeat(40)}Zürich,€,😀\n${'b,2\n'.repeat(40)}\uFEFFx,ß\n${'c,3\n'.repeat(10)}`;

  it('decodes mixed ASCII and multi-byte text the same for every chunk size', async () => {
    const path = tempFile(Buffer.from(mixed, 'utf8'));
    for (const size of [1, 2, 3, 5, 7, 16, 64, 1 << 20]) expect(await readAll(path, size)).toBe(mixed);
  });

  it('drops a byte-order mark at the start only', async () => {
    const path = tempFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(mixed, 'utf8')]));
    for (const size of [2, 4, 64]) expect(await readAll(path, size)).toBe(mixed);
  });

  it('still notices bytes that are not UTF-8 after ASCII chunks', async () => {
    const path = tempFile(Buffer.concat([Buffer.from('x,1\n'.repeat(50)), Buffer.from([0x66, 0xe9, 0x65, 0x0a])]));
    await expect(readAll(path, 16)).rejects.toBeInstanceOf(NotUtf8Error);
    expect(await readAll(path, 16, 'windows-1252')).toBe(`${'x,1\n'.repeat(50)}fée\n`);
  });
});
