/** Writes a generated text file of `count` lines in 1 MiB pieces, so even 500 MB never sits in memory at once. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export async function writeLines(
  path: string,
  header: string,
  count: number,
  line: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(path);
  let buf = `${header}\n`;
  for (let i = 0; i < count; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}
