/**
 * Shared pieces of the fuzz suites: the case budget (RECURRENT_FUZZ_RUNS raises it for a long
 * hunt), a counter that each suite prints, temporary files, and byte mutations that mimic
 * damaged files (bit flips, truncation, spliced garbage, NUL bytes, foreign encodings).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

/** Cases per property: modest in `npm test`, raised through RECURRENT_FUZZ_RUNS. */
export function fuzzRuns(base: number): number {
  const wanted = Number(process.env.RECURRENT_FUZZ_RUNS);
  return Number.isFinite(wanted) && wanted > 0 ? Math.max(base, Math.floor(wanted)) : base;
}

/** Counts the cases each suite ran, so the totals can be reported. */
export class CaseCounter {
  private readonly counts = new Map<string, number>();
  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
  /** Prints one line per property and the total; returns the total. */
  report(suite: string): number {
    let total = 0;
    for (const [name, n] of this.counts) {
      total += n;
      console.log(`[fuzz] ${suite} / ${name}: ${n} cases`);
    }
    console.log(`[fuzz] ${suite}: ${total} cases in total`);
    return total;
  }
}

/** A folder for one suite's files, removed by `dispose`. */
export function fuzzFolder(prefix: string): {
  file: (bytes: Uint8Array | string, ext: string) => string;
  dispose: () => void;
  dir: string;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  return {
    dir,
    file: (bytes, ext) => {
      const path = join(dir, `case-${n++}${ext}`);
      writeFileSync(path, bytes);
      return path;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** One way of damaging a file. */
export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number };

/** Arbitrary mutations; positions are fractions of the file so they fit any length. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(1_000_000), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(1_000_000) }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(1_000_000),
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 64 }),
      fc.constantFrom(
        new Uint8Array([0]),
        new Uint8Array([0xef, 0xbb, 0xbf]),
        new Uint8Array([0xff, 0xfe]),
        new Uint8Array([0xfe, 0xff]),
        new Uint8Array([0xe9, 0xe8, 0xfc]),
        new Uint8Array([0xc3, 0x28]),
        new Uint8Array([0x22, 0x22, 0x22]),
      ),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(1_000_000), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(1_000_000),
    length: fc.integer({ min: 1, max: 200 }),
  }),
);

/** Applies mutations in order; the input is not changed. */
export function mutate(input: Uint8Array, mutations: Mutation[]): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array = input.slice();
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    switch (m.kind) {
      case 'flip':
        if (at < bytes.length) bytes[at] ^= 1 << m.bit;
        break;
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'splice':
        bytes = concat(bytes.slice(0, at), m.bytes, bytes.slice(at));
        break;
      case 'delete':
        bytes = concat(bytes.slice(0, at), bytes.slice(at + m.length));
        break;
      case 'duplicate':
        bytes = concat(bytes.slice(0, at + m.length), bytes.slice(at, at + m.length), bytes.slice(at + m.length));
        break;
    }
  }
  return Uint8Array.from(bytes);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Describes an unexpected failure with its class, so a generic TypeError is easy to spot in a counterexample. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.constructor.name}: ${err.message}\n${err.stack ?? ''}`;
  return `non-error thrown: ${String(err)}`;
}
