/**
 * The best model so far, kept on disk while a run trains: `checkpoint/` in the run folder holds
 * model.json + weights.bin + preprocessing.json (a model folder like `model/`) and
 * checkpoint.json saying which epoch it is. A crash or a kill mid-run leaves the best weights
 * up to the last write, and the folder can be opened or continued from like any saved model.
 *
 * Each improvement copies the weights at once (training changes them right after); the copy is
 * written at most once per interval, the newest one winning. Every file is replaced by rename,
 * and model.json / preprocessing.json never change during a run, so the folder is always whole.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import type { PreprocessingFile } from '../../shared/preprocessing';
import type { Tf } from '../../tensorflow/load-tf';
import { CHECKPOINT_DIR, CHECKPOINT_INFO, type CheckpointInfo } from './checkpoint-layout';
import { toStandardModel } from '../model/fused/index';
import { messageOf } from '../../shared/error-message';

export interface CheckpointOptions {
  /** Minimum time between two writes. */
  minIntervalMs: number;
  preprocessing: PreprocessingFile;
  log(line: string): void;
}

interface Snapshot {
  info: Omit<CheckpointInfo, 'savedAt'>;
  weights: ArrayBuffer;
}

/** Keeps the best weights of one run in `dir`. */
export class CheckpointWriter {
  private modelJson: string | null = null;
  private expectedBytes = 0;
  private pending: Snapshot | null = null;
  private lastWrite = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private written: Omit<CheckpointInfo, 'savedAt'> | null = null;
  private failed = false;

  constructor(
    private readonly tf: Tf,
    readonly dir: string,
    private readonly options: CheckpointOptions,
  ) {}

  /** Epoch and loss of the weights on disk; null before the first write. */
  get saved(): Omit<CheckpointInfo, 'savedAt'> | null {
    return this.written;
  }

  /**
   * Records that `model` holds the best weights so far. The weights are copied before this
   * returns; writing happens now or once the interval has passed.
   */
  async improved(model: tfTypes.LayersModel, info: Omit<CheckpointInfo, 'savedAt'>): Promise<void> {
    if (this.failed) return;
    if (this.modelJson === null) await this.prepare(model);
    this.pending = { info, weights: snapshotWeights(model) };
    if (this.pending.weights.byteLength !== this.expectedBytes) {
      // Not expected with float32 models; a wrong-sized file would not load, so stop writing.
      this.failed = true;
      this.pending = null;
      this.options.log('The best model so far cannot be kept as a checkpoint for this model.');
      return;
    }
    const wait = this.lastWrite + this.options.minIntervalMs - Date.now();
    if (wait <= 0) {
      this.writePending();
      await this.chain;
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.writePending();
      }, wait);
    }
  }

  /** Writes the newest copy still waiting and resolves when everything is on disk. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writePending();
    await this.chain;
  }

  /** The standard-layer topology and weight manifest; they stay the same for the whole run. */
  private async prepare(model: tfTypes.LayersModel): Promise<void> {
    const standard = toStandardModel(this.tf, model);
    try {
      await standard.save(
        this.tf.io.withSaveHandler(async (artifacts) => {
          const specs = artifacts.weightSpecs ?? [];
          this.expectedBytes = specs.reduce((sum, s) => sum + s.shape.reduce((a, n) => a * n, 1) * 4, 0);
          if (specs.some((s) => s.dtype !== 'float32')) this.expectedBytes = -1;
          this.modelJson = JSON.stringify({
            modelTopology: artifacts.modelTopology,
            format: artifacts.format ?? 'layers-model',
            generatedBy: artifacts.generatedBy,
            convertedBy: artifacts.convertedBy ?? null,
            weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
          });
          return { modelArtifactsInfo: this.tf.io.getModelArtifactsInfoForJSON(artifacts) };
        }),
      );
    } finally {
      if (standard !== model) standard.dispose();
    }
    await mkdir(this.dir, { recursive: true });
    await replaceFile(
      path.join(this.dir, 'preprocessing.json'),
      `${JSON.stringify(this.options.preprocessing, null, 2)}\n`,
    );
  }

  private writePending(): void {
    const snapshot = this.pending;
    const modelJson = this.modelJson;
    if (!snapshot || modelJson === null) return;
    this.pending = null;
    this.lastWrite = Date.now();
    this.chain = this.chain.then(async () => {
      try {
        const first = this.written === null;
        await replaceFile(path.join(this.dir, 'weights.bin'), new Uint8Array(snapshot.weights));
        // model.json last on the first write: a folder with model.json always has its weights.
        if (first) await replaceFile(path.join(this.dir, 'model.json'), modelJson);
        const info: CheckpointInfo = { ...snapshot.info, savedAt: new Date().toISOString() };
        await replaceFile(path.join(this.dir, CHECKPOINT_INFO), `${JSON.stringify(info, null, 2)}\n`);
        this.written = snapshot.info;
        if (first) {
          this.options.log(
            `Keeping the best model so far in ${CHECKPOINT_DIR}/ (updated as the ${snapshot.info.monitored} loss improves).`,
          );
        }
      } catch (err) {
        // Training goes on without the safety copy; the final model is saved as usual.
        this.failed = true;
        this.options.log(`The checkpoint could not be written: ${messageOf(err)}`);
      }
    });
  }
}

/** All weights as one float32 buffer, in the order the saved manifest lists them. */
function snapshotWeights(model: tfTypes.LayersModel): ArrayBuffer {
  const arrays = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const total = arrays.reduce((sum, a) => sum + a.length, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out.buffer;
}

async function replaceFile(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
