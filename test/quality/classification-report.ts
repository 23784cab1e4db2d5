/** The classification table of the quality suite, one per part of the split. */
import type { SuitePart } from './run-case';
import { markdownTable } from './report';
import { ACCURACY_TOLERANCE, meetsClassificationTarget } from './run-classification';
import type { ClassificationResult } from './run-classification';

/** Table and summary line of one part, or '' when the part has no classification case. */
export function formatClassificationPart(part: SuitePart, results: ClassificationResult[]): string {
  const mine = results.filter((r) => r.case.part === part);
  if (mine.length === 0) return '';
  const head = [
    'dataset',
    'defaults',
    'default accuracy (mean, range)',
    'epochs',
    'tuned accuracy (mean, range)',
    'epochs',
    'chance',
    'words alone',
    'entity F1 (defaults / tuned)',
    'result',
  ];
  const rows = mine.map((r) => [
    r.case.name,
    r.defaultSummary,
    meanAndRange(
      r.defaults.accuracy,
      r.splits.map((s) => s.defaults),
    ),
    String(r.defaults.epochs),
    meanAndRange(
      r.tuned.accuracy,
      r.splits.map((s) => s.tuned),
    ),
    String(r.tuned.epochs),
    r.defaults.chance.toFixed(3),
    r.defaults.words === null ? '–' : r.defaults.words.toFixed(3),
    r.defaults.entityF1 === null ? '–' : `${r.defaults.entityF1.toFixed(3)} / ${(r.tuned.entityF1 ?? 0).toFixed(3)}`,
    meetsClassificationTarget(r)
      ? 'pass'
      : `FAIL: ${(r.tuned.accuracy - r.defaults.accuracy).toFixed(3)} below the tuned run`,
  ]);
  const passed = mine.filter(meetsClassificationTarget).length;
  const splits = mine[0].splits.length;
  return [
    `## Classification, ${part} part`,
    '',
    markdownTable(head, rows),
    '',
    `Each dataset trained on ${splits} split${splits === 1 ? '' : 's'} (seeds ${mine[0].splits.map((s) => s.seed).join(', ')}), defaults / tuned per split:`,
    ...mine.map(
      (r) => `- ${r.case.name}: ${r.splits.map((s) => `${s.defaults.toFixed(3)} / ${s.tuned.toFixed(3)}`).join(', ')}`,
    ),
    '',
    `${passed} of ${mine.length} datasets: defaults' mean within ${ACCURACY_TOLERANCE} of the tuned runs' mean test accuracy.`,
    "Words alone: for texts, counting words (naive Bayes over which words each text holds); for tagged words, each word's most frequent training tag.",
  ].join('\n');
}

/** "0.658 (0.484–0.839)", or the accuracy alone for one split. */
function meanAndRange(mean: number, values: number[]): string {
  if (values.length < 2) return mean.toFixed(3);
  return `${mean.toFixed(3)} (${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})`;
}
