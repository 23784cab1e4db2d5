/**
 * The browser host in a process of its own, for the WebSocket fuzz target: a crash here shows
 * as the process exiting, which an in-process test could not tell from a failed assertion.
 * Prints `{"port":N}` once listening. Training is scripted (no TensorFlow); the data folder and
 * the working folder are the temporary folder given as the first argument.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startHostServer } from '../../../src-main/host/server';
import { StudioService } from '../../../src-main/services/studio-service';
import { ScriptedLauncher, fakeDeps } from '../../services/fixtures';
import { FUZZ_MAX_MESSAGE_BYTES } from '../ws-frames';

async function main(): Promise<void> {
  const root = process.argv[2];
  const token = process.argv[3];
  const web = join(root, 'web');
  await mkdir(web, { recursive: true });
  await writeFile(join(web, 'index.html'), '<!doctype html><title>Studio</title>');
  const service = new StudioService(
    { dataDir: join(root, 'data'), host: 'browser', version: '0.0.0' },
    fakeDeps(new ScriptedLauncher()),
  );
  const server = await startHostServer({
    service,
    staticDir: web,
    port: 0,
    token,
    maxMessageBytes: FUZZ_MAX_MESSAGE_BYTES,
  });
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
}

void main();
