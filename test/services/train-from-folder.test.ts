/**
 * A folder of labelled texts trains like a file: 'train.start' accepts the folder the importer
 * read (it used to refuse anything but a file), and still refuses a data path that is gone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-main/shared/contract';
import type { RunResult } from '../../src-main/shared/types';
import type { StudioEvent } from '../../src-main/services/service-types';
import { StudioService } from '../../src-main/services/studio-service';

// One subfolder per label, one .txt per ticket (see test/e2e/fixtures/README.md).
const TICKETS = join(process.cwd(), 'test', 'e2e', 'fixtures', 'support-tickets');

let dataDir: string;
let service: StudioService;
const finished = new Map<string, (run: RunResult) => void>();

function ticketSpec(file: string): unknown {
  return {
    name: 'Support tickets',
    task: 'text-classification',
    data: { file, targetColumns: ['label'], text: { column: 'text', maxLength: 40 } },
    model: { layers: [{ units: 4 }] },
    training: { epochs: 1, batchSize: 8, seed: 1 },
  };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'studio-folder-'));
  service = new StudioService({ dataDir, host: 'browser', version: '0' });
  service.subscribe((e: StudioEvent) => {
    if (e.event === 'train.finished') finished.get(e.payload.runId)?.(e.payload);
  });
});

afterAll(async () => {
  await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('training from a folder of labelled texts', () => {
  it('trains to the end', async () => {
    const envelope = (await service.handle('train.start', { spec: ticketSpec(TICKETS) })) as Envelope<{
      runId: string;
    }>;
    if (!envelope.ok) throw new Error(`refused: ${envelope.error.message}`);
    const run = await new Promise<RunResult>((resolve) => finished.set(envelope.value.runId, resolve));
    expect(run.status).toBe('completed');
    expect(run.evaluation?.kind).toBe('classification');
  }, 120_000);

  it('still refuses a data folder that is gone, in words', async () => {
    const envelope = await service.handle('train.start', { spec: ticketSpec(join(dataDir, 'no-such-folder')) });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.message).toContain('cannot be found');
  });
});
