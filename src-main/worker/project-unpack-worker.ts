/**
 * The project unpacking worker's entry: receives one `unpack` message, runs every check and
 * the inflation of project-archive.ts off the app's main thread, posts progress and then the
 * entries (their buffers transferred) or the reason the file is refused. The app ends the
 * worker to cancel, so nothing here waits for a cancel message.
 */
import { parentPort } from 'node:worker_threads';
import { messageOf } from '../shared/error-message';
import { unpackProject } from '../projects/project-archive';
import { ProjectFormatError } from '../projects/project-format';
import { ownBuffer, type FromUnpackWorker, type UnpackRequest } from './project-unpack-messages';

const port = parentPort;
if (!port) throw new Error('project-unpack-worker must run inside a worker thread.');

function post(message: FromUnpackWorker, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

port.once('message', (message: UnpackRequest) => {
  if (message?.type !== 'unpack') {
    post({ type: 'failed', message: `The project unpacker got an unknown message.` });
    return;
  }
  void unpack(message);
});

async function unpack(message: UnpackRequest): Promise<void> {
  try {
    const { json, entries } = await unpackProject(message.bytes, {
      limits: message.limits,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    const list = [...entries];
    post({ type: 'unpacked', json, entries: list }, ownBuffers(list.map(([, data]) => data)));
  } catch (err) {
    if (err instanceof ProjectFormatError) post({ type: 'refused', reason: err.message });
    else post({ type: 'failed', message: messageOf(err) });
  }
}

/** The buffers that belong to one entry alone, which can move to the app without a copy. */
function ownBuffers(items: Uint8Array[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const data of items) {
    const buffer = ownBuffer(data);
    if (buffer) buffers.add(buffer);
  }
  return [...buffers];
}
