/**
 * Crash-safe file replacement for project files: write a temporary file in the same folder,
 * flush it to disk, then rename it over the target. A crash or a failure at any step leaves
 * the previous file exactly as it was.
 */
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempNameFor } from '../storage/atomic-write';

/** Test seams: a step that runs between the flushed write and the rename. */
export interface DurableWriteHooks {
  beforeRename?: (tempPath: string) => Promise<void> | void;
}

/** Replaces `path` with `data` durably; throws (leaving `path` untouched) when any step fails. */
export async function writeFileDurable(path: string, data: Uint8Array, hooks: DurableWriteHooks = {}): Promise<void> {
  const temp = tempNameFor(path);
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await hooks.beforeRename?.(temp);
    await rename(temp, path);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncFolder(dirname(path));
}

/** Flushes the folder entry so the rename itself survives a power cut (not possible on Windows). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file is already renamed; a folder that cannot be flushed only weakens power-cut safety.
  }
}
