/**
 * A note in front of a forecast's verdict: the automatic search's account of why this spec, followed
 * by the run's own test figures against every simple forecast it was scored against.
 */
import type { Evaluation } from '../shared/types';
import { threeDigits as fmt } from '../shared/number-format';
import { joinWords } from '../shared/word-list';

/**
 * The evaluation with `note` in front of its verdict (forecasts), so results and the log say why
 * this spec. A model that beats the baselines says so after the note and any verdict of its own
 * (the validation guard's): the test figures that show it, naming naive, seasonal naive and, when the training part shows
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
  // A model that loses to one of them has the sentence that says so in its verdict already; one
  // that beats them all may still have a verdict (what the validation guard decided) to keep.
  const beaten = [baselines.naive, baselines.seasonalNaive, longSeason ? long : null].every(
    (b) => !b || !Number.isFinite(b.rmse) || metrics.rmse < b.rmse,
  );
  const figures = `On the test split it beats the simple forecasts: RMSE ${fmt(metrics.rmse)} against ${list}.`;
  const test = [evaluation.verdict, beaten ? figures : null].filter(Boolean).join(' ');
  return { ...evaluation, verdict: `${note} ${test}` };
}
