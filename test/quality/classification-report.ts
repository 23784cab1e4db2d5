/** The classification table of the quality suite, one per part of the split. */
import type { SuitePart } from './run-case';
import { markdownTable } from './report';
import { ACCURACY_TOLERANCE, meetsClassificationTarget } from './run-classification';
import type { ClassificationResult } from './run-classification';

/** Table and summary line of one part, or '' when the part has no classification case. */
export function formatClassificationPart(part: SuitePart, results: ClassificationResult[]): string {
  const mine = results.filter((r) => r.case.part === part);
  if (mine.length === 0) return '';
  const head = ['dataset', 'defaults', 'default accuracy', 'epochs', 'tuned accuracy', 'epochs', 'chance', 'result'];
  const rows = mine.map((r) => [
    r.case.name,
    r.defaultSummary,
    r.defaults.accuracy.toFixed(3),
    String(r.defaults.epochs),
    r.tuned.accuracy.toFixed(3),
    String(r.tuned.epochs),
    r.defaults.chance.toFixed(3),
    meetsClassificationTarget(r)
      ? 'pass'
      : `FAIL: ${(r.tuned.accuracy - r.defaults.accuracy).toFixed(3)} below the tuned run`,
  ]);
  const passed = mine.filter(meetsClassificationTarget).length;
  return [
    `## Classification, ${part} part`,
    '',
    markdownTable(head, rows),
    '',
    `${passed} of ${mine.length} datasets: defaults within ${ACCURACY_TOLERANCE} of the tuned run's test accuracy.`,
  ].join('\n');
}
