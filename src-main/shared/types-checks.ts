/** What the checks before training report for a spec on its data (JSON-only, crosses the boundary). */

/** How many samples each part of the data gives the current spec. */
export interface SplitWindows {
  train: number;
  validation: number;
  test: number;
  /**
   * What one sample is: a window of the series (forecast), a window of the corpus (text
   * generation), one text (text classification), one sequence (sequence tasks) or one pair
   * (sequence to sequence).
   */
  unit: 'windows' | 'texts' | 'sequences' | 'pairs';
  /** Rows of the table the counts come from. */
  rows: number;
}
