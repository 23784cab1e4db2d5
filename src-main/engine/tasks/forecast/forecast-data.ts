/** The prepared state of one forecast series that training and evaluation share. */
import type { ScalerState } from '../../../data/prepare/scaler';
import type { PreparedSeries } from '../../../data/prepare/series';
import type { SplitOrigins } from '../../../data/prepare/split';
import type { WindowSampler } from '../../../data/prepare/windows';
import type { TargetTransformPlan } from '../../../forecast/target-transform';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import type { ModelDims } from '../../model/model-builder';
import type { BatchSource } from '../../training/batch-source';

/** Everything training and evaluation need for one forecast series. */
export interface ForecastData {
  series: PreparedSeries;
  plan: TargetTransformPlan;
  seasonalPeriod: number | null;
  /**
   * A season longer than `seasonalPeriod` found on the training part (the year of daily data),
   * whose same-time-one-season-before forecast is scored beside the other baselines; null when
   * there is none or for a series of a global model.
   */
  longSeason?: { period: number; label: string } | null;
  split: SplitOrigins;
  source: BatchSource;
  dims: ModelDims;
  sampler: WindowSampler;
  targetScaler: ScalerState;
  inputs: PreprocessingFile['inputs'];
  notes: string[];
}
