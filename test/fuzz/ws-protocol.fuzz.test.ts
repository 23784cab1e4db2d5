/**
 * Fuzzing the browser host's WebSocket protocol: frames (opcodes, reserved bits, unmasked,
 * fragmented, lying length fields), sizes (empty to past the message limit), encodings
 * (invalid UTF-8, UTF-16, BOMs, raw bytes) and request shapes (every kind of JSON, wrong
 * field types, unknown names). The host runs in a child process; the target is that it never
 * exits and keeps answering a well-behaved client, whatever one connection sends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { HostResponseMessage } from '../../src-main/shared/host-protocol';
import { CaseCounter, fuzzRuns } from './fuzz-support';
import { FUZZ_MAX_MESSAGE_BYTES, encodeFrame, textFrame, upgradeRequest, type RawFrame } from './ws-frames';

const TOKEN = 'fuzz-token-0123456789abcdef';
const counter = new CaseCounter();
let root = '';
let host: ChildProcess;
let port = 0;
let stderr = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'recurrent-fuzz-ws-'));
  // The loader by absolute address: the child's working folder holds no node_modules.
  const tsx = pathToFileURL(join(process.cwd(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  host = spawn(
    process.execPath,
    ['--import', tsx, join(import.meta.dirname, 'support', 'ws-fuzz-host.ts'), root, TOKEN],
    {
      // Relative paths in fuzzed requests land in the temporary folder, never in the repository.
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  host.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: host.stdout! }).once('line', resolve);
    host.once('exit', (code) => reject(new Error(`the host exited (${code}) before listening:\n${stderr}`)));
  });
  port = (JSON.parse(first) as { port: number }).port;
}, 60_000);

afterAll(async () => {
  const total = counter.report('WebSocket protocol');
  const peak = await peakMemoryMb(host.pid);
  console.log(`[fuzz] WebSocket protocol: host peak memory ${peak ?? '?'} MB`);
  host.kill();
  await rm(root, { recursive: true, force: true });
  expect(total).toBeGreaterThan(0);
});

/** The child's peak resident memory (Linux); null elsewhere. */
async function peakMemoryMb(pid: number | undefined): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : null;
}

function expectHostAlive(): void {
  expect(host.exitCode, `the host exited:\n${stderr}`).toBeNull();
  expect(host.signalCode).toBeNull();
}

/** What one raw connection saw: the handshake status, and the close frame the server sent, if any. */
interface Outcome {
  status: number;
  /** The server reset the connection (it refused what it read). */
  reset: boolean;
  closeCode: number | null;
  closeReason: string;
  texts: string[];
}

/**
 * Opens a raw connection, upgrades it, writes `frames` (in pieces of `chunk` bytes when given,
 * or together with the handshake when `pipelined`) and waits until the server closes the
 * connection or stays quiet for `quietMs`.
 */
function runConnection(frames: RawFrame[], options: { chunk?: number; pipelined?: boolean; quietMs?: number } = {}) {
  return new Promise<Outcome>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const bytes = Buffer.concat(frames.map(encodeFrame));
    let received = Buffer.alloc(0);
    let upgraded = false;
    let status = 0;
    let reset = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, reset, ...readServerFrames(received) });
    };
    // Before the handshake answer, a loaded machine may take a while; after it, quiet means done.
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, upgraded ? (options.quietMs ?? 40) : 5_000);
    };
    const send = () => {
      const size = options.chunk ?? bytes.length;
      for (let at = 0; at < bytes.length; at += Math.max(1, size)) socket.write(bytes.subarray(at, at + size));
      quiet();
    };
    // The server may reset a connection it refuses; that is an outcome, not a test failure.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') reset = true;
    });
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(upgradeRequest(port, TOKEN));
      if (options.pipelined) send();
      quiet();
    });
    socket.on('data', (data: Buffer) => {
      if (upgraded) {
        received = Buffer.concat([received, data]);
        quiet();
        return;
      }
      received = Buffer.concat([received, data]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      status = Number(/^HTTP\/1\.1 (\d+)/.exec(received.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      received = received.subarray(end + 4);
      upgraded = true;
      if (!options.pipelined) send();
      quiet();
    });
  });
}

/** Reads the server's unmasked frames: text messages and the close frame. */
function readServerFrames(data: Buffer): Pick<Outcome, 'closeCode' | 'closeReason' | 'texts'> {
  const texts: string[] = [];
  let closeCode: number | null = null;
  let closeReason = '';
  let at = 0;
  while (at + 2 <= data.length) {
    const opcode = data[at] & 0x0f;
    let length = data[at + 1] & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      length = data.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(data.readBigUInt64BE(offset));
      offset += 8;
    }
    if (offset + length > data.length) break;
    const payload = data.subarray(offset, offset + length);
    if (opcode === 1) texts.push(payload.toString('utf8'));
    if (opcode === 8 && payload.length >= 2) {
      closeCode = payload.readUInt16BE(0);
      closeReason = payload.subarray(2).toString('utf8');
    }
    at = offset + length;
  }
  return { closeCode, closeReason, texts };
}

/** A well-behaved client's request still gets its answer. */
async function wellBehavedAnswer(): Promise<HostResponseMessage> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, {
    headers: { Origin: `http://127.0.0.1:${port}`, Cookie: `recurrent_token_${port}=${TOKEN}` },
  });
  try {
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const reply = new Promise<HostResponseMessage>((resolve) =>
      ws.once('message', (d: Buffer) => resolve(JSON.parse(d.toString()) as HostResponseMessage)),
    );
    ws.send(JSON.stringify({ id: 7, name: 'app.info', args: undefined }));
    return await reply;
  } finally {
    ws.terminate();
  }
}

const encoder = new TextEncoder();

/** Names the host answers without writing outside its data folder, and some it does not know. */
const nameArb = fc.oneof(
  fc.constantFrom(
    'app.info',
    'runs.list',
    'runs.get',
    'data.rows',
    'data.upload',
    'data.cancelImport',
    'spec.validate',
    'spec.suggest',
    'model.summary',
    'train.control',
    'settings.get',
    'project.current',
    'project.recent',
    'samples.list',
    'search.cancel',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 40 }),
);

const requestArb = fc
  .record(
    {
      id: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
      name: fc.oneof(nameArb, fc.integer(), fc.constant(null)),
      args: fc.oneof(
        fc.constant(undefined),
        fc.jsonValue({ maxDepth: 3 }),
        fc.record(
          { runId: fc.string(), datasetId: fc.string(), fileName: fc.string(), contentBase64: fc.base64String() },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  )
  .map((r) => JSON.stringify(r));

const payloadArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 6, arbitrary: requestArb.map((t) => encoder.encode(t)) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map((t) => encoder.encode(t)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      new Uint8Array([0xc3, 0x28]),
      new Uint8Array([0xff, 0xfe]),
      new Uint8Array([0xed, 0xa0, 0x80]),
      new Uint8Array([0xf4, 0x90, 0x80, 0x80]),
      new Uint8Array([0xe2, 0x82]),
    ),
  },
  { weight: 1, arbitrary: requestArb.map((t) => Buffer.from(`\ufeff${t}`, 'utf16le')) },
  { weight: 1, arbitrary: requestArb.map((t) => encoder.encode(`\ufeff${t}`)) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 8 * 1024 }).map((extra) =>
      encoder.encode(
        JSON.stringify({
          id: 1,
          name: 'data.upload',
          args: { fileName: 'big.csv', contentBase64: 'A'.repeat(FUZZ_MAX_MESSAGE_BYTES + extra) },
        }),
      ),
    ),
  },
  { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
);

const frameArb: fc.Arbitrary<RawFrame> = fc.record({
  fin: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  rsv: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) }),
  opcode: fc.oneof(
    { weight: 8, arbitrary: fc.constant(1) },
    { weight: 4, arbitrary: fc.constantFrom(0, 2, 8, 9, 10) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 15 }) },
  ),
  masked: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  payload: payloadArb,
  declaredLength: fc.option(
    fc.oneof(fc.nat(200), fc.constant(FUZZ_MAX_MESSAGE_BYTES + 1), fc.constant(2 ** 31), fc.constant(2 ** 53 - 1)),
    { freq: 8 },
  ),
});

const caseArb = fc.record({
  frames: fc.array(frameArb, { minLength: 1, maxLength: 4 }),
  chunk: fc.option(fc.integer({ min: 1, max: 64 }), { freq: 3 }),
  pipelined: fc.boolean(),
});

describe('the browser host under WebSocket fuzzing', () => {
  it('never exits and keeps answering, whatever frames arrive', async () => {
    const runs = fuzzRuns(1000);
    const cases = fc.sample(caseArb, { numRuns: runs, seed: Number(process.env.RECURRENT_FUZZ_SEED ?? 17) });
    // Several connections at once, as a busy page or a hostile one would open them.
    const parallel = 8;
    for (let start = 0; start < cases.length; start += parallel) {
      const batch = cases.slice(start, start + parallel);
      const outcomes = await Promise.all(
        batch.map((c) => runConnection(c.frames, { chunk: c.chunk ?? undefined, pipelined: c.pipelined })),
      );
      for (const outcome of outcomes) {
        counter.add('raw frames');
        // A reset can discard the handshake answer still unread on our side: the server ended
        // that connection, which is an allowed outcome; any other status is not.
        if (!outcome.reset) expect(outcome.status).toBe(101);
      }
      expectHostAlive();
      if ((start / parallel) % 25 === 0) expect((await wellBehavedAnswer()).envelope).toMatchObject({ ok: true });
    }
    expectHostAlive();
    expect((await wellBehavedAnswer()).envelope).toMatchObject({ ok: true });
  });

  it('closes a connection that sends a message over the limit with 1009, and only that one', async () => {
    const huge = { ...textFrame(''), payload: new Uint8Array(1024), declaredLength: FUZZ_MAX_MESSAGE_BYTES + 1 };
    const outcome = await runConnection([huge]);
    counter.add('named probes');
    expect(outcome.closeCode).toBe(1009);
    expectHostAlive();
    expect((await wellBehavedAnswer()).envelope).toMatchObject({ ok: true });
  });

  it('closes a connection that sends invalid UTF-8 with 1007', async () => {
    const outcome = await runConnection([{ ...textFrame(''), payload: new Uint8Array([0xc3, 0x28]) }]);
    counter.add('named probes');
    expect(outcome.closeCode).toBe(1007);
    expectHostAlive();
  });

  it('closes with a reason on binary frames and on text that is not a request', async () => {
    const binary = await runConnection([{ ...textFrame('{}'), opcode: 2 }]);
    expect(binary.closeCode).toBe(1003);
    expect(binary.closeReason).toMatch(/JSON text/);
    const notRequest = await runConnection([textFrame('[1,2,3]')]);
    expect(notRequest.closeCode).toBe(1007);
    expect(notRequest.closeReason).toMatch(/numeric id/);
    counter.add('named probes');
    counter.add('named probes');
    expectHostAlive();
  });

  it('answers a request of the right shape with an unknown name or bad arguments by id', async () => {
    const outcome = await runConnection(
      [
        textFrame(JSON.stringify({ id: 41, name: 'no.such', args: 1 })),
        textFrame(JSON.stringify({ id: 42, name: 'runs.get', args: { runId: 5 } })),
      ],
      { quietMs: 300 },
    );
    counter.add('named probes');
    const replies = outcome.texts.map(
      (t) => JSON.parse(t) as { id: number; envelope: { ok: boolean; error?: { message: string } } },
    );
    expect(replies.map((r) => r.id).sort()).toEqual([41, 42]);
    for (const r of replies) {
      expect(r.envelope.ok).toBe(false);
      expect(r.envelope.error?.message.length).toBeGreaterThan(10);
    }
    expect(outcome.closeCode).toBeNull();
  });
});
