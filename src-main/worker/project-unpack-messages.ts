/** Messages between the app and the project unpacking worker (project-unpack-worker.ts), keyed on `type`. */
import type { ProjectFileJson } from '../projects/project-format';
import type { UnzipLimits, UnzipProgress } from '../projects/project-unzip';

/** The one request: unpack these project bytes (transferred, not copied) within these limits. */
export interface UnpackRequest {
  type: 'unpack';
  bytes: Uint8Array;
  limits: UnzipLimits;
}

export type FromUnpackWorker =
  | { type: 'progress'; progress: UnzipProgress }
  /** Every check passed: project.json and the other entries, by name (their buffers transferred). */
  | { type: 'unpacked'; json: ProjectFileJson; entries: [string, Uint8Array][] }
  /** The file is refused: the reason, a ProjectFormatError message. */
  | { type: 'refused'; reason: string }
  /** Something other than the file went wrong. */
  | { type: 'failed'; message: string };

/**
 * The buffer behind `bytes` when it can move to the other thread without a copy: one larger
 * than Node's shared Buffer pool belongs to whoever made it (a project file read whole, with
 * a spare byte past its end; an unpacked entry). A copy of 48 MB blocked the app for most of a
 * second. Small buffers may share the pool with other Buffers, so they are copied instead.
 */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer | null {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer && buffer.byteLength > Buffer.poolSize ? buffer : null;
}
