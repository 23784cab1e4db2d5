/** One epoch's record for main-side tests: plain figures, overridable. */
import type { EpochRecord } from '../../src-main/shared/types';

export function epochRecord(runId: string, epoch: number, over: Partial<EpochRecord> = {}): EpochRecord {
  return {
    runId,
    epoch,
    loss: 1 / epoch,
    valLoss: null,
    metrics: {},
    valMetrics: {},
    learningRate: 0.001,
    gradNorms: {},
    seconds: 1,
    samplesPerSecond: 100,
    ...over,
  };
}
