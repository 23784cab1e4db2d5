/**
 * Unzipping a project within stated limits. The central directory is read first and the
 * archive refused, before a single byte is inflated, when it declares too many entries, too
 * much data, a compression ratio no real project has (a zip bomb), or names that do not
 * belong. Then entries inflate in small pieces between which the event loop runs, so open
 * sockets and windows stay responsive, progress is reported and a cancel is honoured. An
 * entry that inflates past its declared size (a dishonest bomb) is stopped at that size.
 */
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync, type UnzipFileInfo } from 'fflate';
import { ProjectFormatError } from './project-format';

/** The limits a project file is held to; stated in FORMAT.md. */
export interface UnzipLimits {
  maxEntries: number;
  maxUnpackedBytes: number;
  /** Largest unpacked ÷ packed size of an entry over `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries smaller than this may compress any amount (a short, repetitive JSON file). */
  ratioFloorBytes: number;
}

export const PROJECT_UNZIP_LIMITS: UnzipLimits = {
  maxEntries: 10_000,
  maxUnpackedBytes: 2 * 1024 ** 3,
  // Weights are stored uncompressed and JSON shrinks about 10:1; deflate's ceiling is about 1032:1.
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

/** How many compressed bytes are handed to the inflater at once: bounds the work (and output) of one step. */
const STEP_BYTES = 64 * 1024;

export interface UnzipProgress {
  /** 0..1 of the archive's bytes read. */
  fraction: number;
  /** The archive's bytes read so far. */
  bytesRead: number;
  unpackedBytes: number;
}

export interface BoundedUnzipOptions {
  limits?: UnzipLimits;
  /** Which entries to keep; every entry is still checked against the limits. */
  keep?: (name: string) => boolean;
  onProgress?: (progress: UnzipProgress) => void;
  signal?: AbortSignal;
}

/** The entries the central directory declares, after the limits and `check` accepted them. */
export function declaredEntries(
  bytes: Uint8Array,
  limits: UnzipLimits,
  check: (name: string) => void = () => undefined,
): Map<string, UnzipFileInfo> {
  const entries = new Map<string, UnzipFileInfo>();
  let total = 0;
  try {
    // A filter that keeps nothing: fflate lists the central directory without inflating.
    unzipSync(bytes, {
      filter: (info) => {
        check(info.name);
        if (entries.has(info.name)) throw new ProjectFormatError(`it holds the entry "${info.name}" twice`);
        entries.set(info.name, info);
        if (entries.size > limits.maxEntries) {
          throw new ProjectFormatError(`it holds more than ${limits.maxEntries} entries`);
        }
        total += info.originalSize;
        if (total > limits.maxUnpackedBytes) {
          throw new ProjectFormatError(
            `it unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1024 ** 2)} MB, more data than a project may hold`,
          );
        }
        if (info.originalSize > limits.ratioFloorBytes && info.originalSize > info.size * limits.maxRatio) {
          const ratio = Math.round(info.originalSize / Math.max(1, info.size));
          throw new ProjectFormatError(
            `its entry "${info.name}" would unpack ${ratio} times its packed size (a zip bomb); projects stay under ${limits.maxRatio} times`,
          );
        }
        if (info.compression !== 0 && info.compression !== 8) {
          throw new ProjectFormatError(`its entry "${info.name}" uses a compression method projects never use`);
        }
        return false;
      },
    });
  } catch (err) {
    if (err instanceof ProjectFormatError) throw err;
    throw new ProjectFormatError(`it is damaged or incomplete (${err instanceof Error ? err.message : String(err)})`);
  }
  return entries;
}

/** One unpacked entry and the hex sha256 of its bytes. */
export interface UnzippedEntry {
  data: Uint8Array;
  sha256: string;
}

/**
 * Unzips `bytes` within the limits: entries kept by `keep`, by name. Throws ProjectFormatError
 * for an archive over a limit or damaged, and the signal's reason when cancelled. Each entry is
 * hashed piece by piece as it inflates, so a large weights file never blocks the event loop
 * for the time a whole-file hash would take.
 */
export async function unzipBounded(
  bytes: Uint8Array,
  declared: Map<string, UnzipFileInfo>,
  options: BoundedUnzipOptions = {},
): Promise<Record<string, UnzippedEntry>> {
  const limits = options.limits ?? PROJECT_UNZIP_LIMITS;
  const result: Record<string, UnzippedEntry> = {};
  let failure: ProjectFormatError | null = null;
  let unpacked = 0;
  const unzipper = new Unzip((file) => {
    const info = declared.get(file.name);
    if (!info) {
      failure ??= new ProjectFormatError(`its entry "${file.name}" is not in the archive's directory`);
      return;
    }
    if (options.keep && !options.keep(file.name)) return;
    // Filled piece by piece as the entry inflates: one big copy at the end would block the loop,
    // and so would zero-filling it first. Every byte is written before the entry is returned.
    const out: Uint8Array = Buffer.allocUnsafeSlow(info.originalSize);
    const hash = createHash('sha256');
    let size = 0;
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) {
        failure = new ProjectFormatError(`it is damaged or incomplete (${err.message})`);
        return;
      }
      size += data.length;
      unpacked += data.length;
      if (size > info.originalSize) {
        failure = new ProjectFormatError(`its entry "${file.name}" unpacks to more than it declares (a zip bomb)`);
        file.terminate();
        return;
      }
      out.set(data, size - data.length);
      hash.update(data);
      if (!final) return;
      if (size < info.originalSize)
        failure = new ProjectFormatError(`it is damaged or incomplete (the entry "${file.name}" ends early)`);
      else result[file.name] = { data: out, sha256: hash.digest('hex') };
    };
    file.start();
  });
  unzipper.register(UnzipPassThrough);
  unzipper.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length; at += STEP_BYTES) {
      options.signal?.throwIfAborted();
      const end = Math.min(bytes.length, at + STEP_BYTES);
      unzipper.push(bytes.subarray(at, end), end === bytes.length);
      if (failure) throw failure;
      if (unpacked > limits.maxUnpackedBytes) throw new ProjectFormatError('it unpacks to more data than it declares');
      options.onProgress?.({ fraction: end / bytes.length, bytesRead: end, unpackedBytes: unpacked });
      // Let other requests and socket traffic run between steps.
      await nextTurn();
    }
  } catch (err) {
    if (err instanceof ProjectFormatError || options.signal?.aborted) throw err;
    throw new ProjectFormatError(`it is damaged or incomplete (${err instanceof Error ? err.message : String(err)})`);
  }
  for (const [name] of declared) {
    if ((!options.keep || options.keep(name)) && !(name in result)) {
      throw new ProjectFormatError(`it is damaged or incomplete (the entry "${name}" ends early)`);
    }
  }
  return result;
}
