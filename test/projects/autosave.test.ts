import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DebouncedSaver } from '../../src-main/projects/autosave';
import { ProjectService } from '../../src-main/projects/project-service';
import { cleanup, specFor, tempDir, writeCsv } from './fixtures';

describe('DebouncedSaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once, 1.5 s after the last change', async () => {
    const save = vi.fn(async () => undefined);
    const saver = new DebouncedSaver(save, 1500);
    saver.schedule();
    await vi.advanceTimersByTimeAsync(1000);
    saver.schedule();
    await vi.advanceTimersByTimeAsync(1400);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('flush saves a pending change at once; cancel drops it', async () => {
    const save = vi.fn(async () => undefined);
    const saver = new DebouncedSaver(save, 1500);
    saver.schedule();
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(1);
    saver.schedule();
    saver.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('never runs two saves at once and reports failures', async () => {
    let running = 0;
    let most = 0;
    const errors: unknown[] = [];
    let calls = 0;
    const saver = new DebouncedSaver(
      async () => {
        calls++;
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 1000));
        running--;
        if (calls === 1) throw new Error('disk full');
      },
      100,
      (e) => errors.push(e),
    );
    saver.schedule();
    await vi.advanceTimersByTimeAsync(150);
    saver.schedule();
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toBe(2);
    expect(most).toBe(1);
    expect(errors).toHaveLength(1);
  });
});

describe('project autosave', () => {
  let work: string;
  beforeEach(async () => {
    work = await tempDir();
  });
  afterEach(() => cleanup(work));

  it('writes a saved project after the user pauses, and not an unsaved one', async () => {
    const csv = await writeCsv(work);
    const svc = new ProjectService({ dataDir: join(work, 'app'), autosaveDelayMs: 1500 });
    await svc.setSpec(specFor(csv));
    const file = join(work, 'auto.rsproj');
    await svc.save(file);
    const first = await readFile(file);

    vi.useFakeTimers();
    try {
      await svc.setSpec(specFor(csv, { training: { epochs: 11 } }));
      expect(svc.current().dirty).toBe(true);
      await vi.advanceTimersByTimeAsync(1000);
      await svc.setSpec(specFor(csv, { training: { epochs: 12 } }));
      await vi.advanceTimersByTimeAsync(1000);
      expect(await readFile(file)).toEqual(first);
      await vi.advanceTimersByTimeAsync(600);
    } finally {
      vi.useRealTimers();
    }
    // No flush here: only the timer may have started this save.
    await vi.waitFor(() => expect(svc.current().dirty).toBe(false), { timeout: 5000 });
    expect(await readFile(file)).not.toEqual(first);
    const reopened = await new ProjectService({ dataDir: join(work, 'b') }).open(file);
    expect(reopened.spec?.training.epochs).toBe(12);

    const unsaved = new ProjectService({ dataDir: join(work, 'c'), autosaveDelayMs: 10 });
    await unsaved.setSpec(specFor(csv));
    await new Promise((r) => setTimeout(r, 50));
    await unsaved.flush();
    expect(unsaved.current()).toMatchObject({ path: null, dirty: true });
  });
});
