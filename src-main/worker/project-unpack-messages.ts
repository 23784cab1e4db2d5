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
 * The buffer behind `bytes` when they fill it alone (a file read whole, an unpacked entry): it
 * can move to the other thread without a copy. Small pooled buffers are copied instead.
 */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer | null {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength
    ? buffer
    : null;
}
