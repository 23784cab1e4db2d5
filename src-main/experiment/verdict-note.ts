/**
 * A note in front of a forecast's verdict: the automatic search's account of why this spec, followed
 * by the run's own test figures against every simple forecast it was scored against.
 */
import type { Evaluation } from '../shared/types';
import { threeDigits as fmt } from '../shared/number-format';
import { joinWords } from '../shared/word-list';

/**
 * The evaluation with `note` in front of its verdict (forecasts), so results and the log say why
 * this spec. A model that beats the baselines has no verdict of its own: the test figures that
 * show it follow the note instead, naming naive, seasonal naive and, when the training part shows
 * a longer season, the same time one such season before.
 */
export function withVerdictNote(evaluation: Evaluation, note: string | undefined): Evaluation {
  if (!note || evaluation.kind !== 'forecast') return evaluation;
  const { metrics, baselines, longSeason } = evaluation;
  const against = [`naive ${fmt(baselines.naive.rmse)}`];
  if (baselines.seasonalNaive) against.push(`seasonal naive ${fmt(baselines.seasonalNaive.rmse)}`);
  const long = baselines.longSeasonNaive;
  if (longSeason && long && Number.isFinite(long.rmse))
    against.push(`the same time ${longSeason.label} before ${fmt(long.rmse)}`);
  const list = joinWords(against);
  const test =
    evaluation.verdict ?? `On the test split it beats the simple forecasts: RMSE ${fmt(metrics.rmse)} against ${list}.`;
  return { ...evaluation, verdict: `${note} ${test}` };
}
