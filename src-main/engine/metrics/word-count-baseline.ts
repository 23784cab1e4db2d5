/**
 * A word-count baseline for text classification: naive Bayes over which words of the vocabulary
 * each text holds (each word counted once per text, add-one smoothing; Wang & Manning's strong
 * baseline for sentiment and topic), fitted on the training texts and scored on the test texts.
 * It reads the same token ids the network reads — the same vocabulary and length limit — but
 * ignores their order. A recurrent network that does not beat it has learned no more than which
 * words occur, and the user should know that.
 */
import { OOV, PAD } from '../../data/prepare/text';

/** Classes × vocabulary above which the baseline is not computed (its table would be too large). */
const MAX_CELLS = 20_000_000;

export interface WordCountBaseline {
  accuracy: number;
}

/**
 * @param ids token ids, `length` per text, text i at [i * length, (i + 1) * length)
 * @param labels class index per text
 */
export function wordCountBaseline(
  ids: ArrayLike<number>,
  length: number,
  labels: ArrayLike<number>,
  classCount: number,
  vocabSize: number,
  train: ArrayLike<number>,
  test: ArrayLike<number>,
): WordCountBaseline | null {
  if (train.length === 0 || test.length === 0 || classCount < 2 || classCount * vocabSize > MAX_CELLS) return null;
  const counts = new Float64Array(classCount * vocabSize);
  const totals = new Float64Array(classCount);
  const texts = new Float64Array(classCount);
  // Marks the words already counted for the current text: `seen[w] === stamp`.
  const seen = new Int32Array(vocabSize).fill(-1);
  const wordsOf = (text: number, visit: (w: number) => void) => {
    for (let j = 0; j < length; j++) {
      const w = ids[text * length + j];
      if (w === PAD || w === OOV || w < 0 || w >= vocabSize || seen[w] === text) continue;
      seen[w] = text;
      visit(w);
    }
  };
  for (let s = 0; s < train.length; s++) {
    const text = train[s];
    const c = labels[text];
    texts[c]++;
    wordsOf(text, (w) => {
      counts[c * vocabSize + w]++;
      totals[c]++;
    });
  }
  const logPrior = Array.from(texts, (n) => Math.log((n + 1) / (train.length + classCount)));
  const words = vocabSize - 2;
  const logUnseen = Array.from(totals, (t) => Math.log(1 / (t + words)));
  let correct = 0;
  const scores = new Float64Array(classCount);
  for (let s = 0; s < test.length; s++) {
    const text = test[s];
    for (let c = 0; c < classCount; c++) scores[c] = logPrior[c];
    wordsOf(text, (w) => {
      for (let c = 0; c < classCount; c++) scores[c] += Math.log(counts[c * vocabSize + w] + 1) + logUnseen[c];
    });
    let best = 0;
    for (let c = 1; c < classCount; c++) if (scores[c] > scores[best]) best = c;
    if (best === labels[text]) correct++;
  }
  return { accuracy: correct / test.length };
}
