/**
 * Text generation: the network learns the next token from the previous `maxLength` tokens.
 * The corpus is cut by position into training, validation and test text (the end of the
 * corpus is held out), so no test sentence is seen in training.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { DataError } from '../../../data/data-error';
import {
  NextTokenSampler,
  buildVocabulary,
  detokenize,
  encodeTokens,
  vocabularyIndex,
} from '../../../data/prepare/text';
import type { Table } from '../../../data/table';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import type { ExperimentSpec } from '../../../shared/spec';
import type { GenerationEvaluation } from '../../../shared/types';
import type { Tf } from '../../../tensorflow/load-tf';
import { savedVocabulary } from '../common/fixed-preprocessing';
import type { PreparedTask } from '../prepared-task';
import { textPreprocessing } from '../common/text-preprocessing';
import { seededRandom } from '../../training/seeded-random';
import { continuationBleu } from '../../metrics/generation-bleu';
import { perplexity } from '../../metrics/text-metrics';
import { continueWindows, sampleToken } from '../../model/token-sampling';
import { evaluateLoss } from '../../training/evaluate-loss';
import type { BatchSource } from '../../training/batch-source';
import { stringValues, textColumn } from '../common/table-columns';

/** Tokens generated for the sample shown after training. */
const SAMPLE_TOKENS = 200;
const SAMPLE_TEMPERATURE = 0.8;

/** Prepares a text-generation run from a corpus (a text file or a text column). */
export function prepareTextGeneration(
  table: Table,
  spec: ExperimentSpec,
  /** Saved preprocessing to reuse instead of fitting (continued training). */
  fixed?: PreprocessingFile,
): PreparedTask {
  const t = spec.data.text;
  const col = textColumn(table, t.column, []);
  const corpus = stringValues(col)
    .filter((s): s is string => s !== null)
    .join('\n');
  const L = t.maxLength;
  // Cut by characters; with word tokens a word split at a cut is one odd token, no more.
  const testFrom = Math.floor(corpus.length * (1 - spec.data.split.test));
  const valFrom = Math.floor(corpus.length * (1 - spec.data.split.test - spec.data.split.validation));
  const parts = {
    train: corpus.slice(0, valFrom),
    validation: corpus.slice(valFrom, testFrom),
    test: corpus.slice(testFrom),
  };
  const vocabulary = fixed
    ? savedVocabulary(fixed)
    : buildVocabulary([parts.train], {
        tokens: t.tokens,
        lowercase: t.lowercase,
        vocabSize: t.vocabSize,
      });
  const lookup = vocabularyIndex(vocabulary);
  const encode = (text: string) => encodeTokens(text, lookup, t);
  const sampler = (text: string, what: string) => {
    const ids = encode(text);
    if (ids.length <= L) {
      throw new DataError(
        `The ${what} part of the text has ${ids.length} tokens; sequences of ${L} need more. Use more text, a shorter sequence length or a larger ${what} fraction.`,
      );
    }
    return new NextTokenSampler(ids, L);
  };
  const train = sampler(parts.train, 'training');
  const test = sampler(parts.test, 'test');
  const validation = spec.data.split.validation > 0 ? sampler(parts.validation, 'validation') : null;
  // Sample ids encode the part: training starts as they are, validation / test offset past them.
  const valOffset = train.count;
  const testOffset = valOffset + (validation?.count ?? 0);
  const starts = (count: number, offset: number) => {
    const out: number[] = [];
    for (let s = 0; s < count; s += spec.data.stride) out.push(offset + s);
    return Int32Array.from(out);
  };
  const batchOf = (samples: ArrayLike<number>) => {
    const x = new Float32Array(samples.length * L);
    const y = new Float32Array(samples.length);
    for (let i = 0; i < samples.length; i++) {
      const id = samples[i];
      const [s, start] =
        id >= testOffset
          ? [test, id - testOffset]
          : id >= valOffset && validation
            ? [validation, id - valOffset]
            : [train, id];
      const b = s.batch([start]);
      x.set(b.x, i * L);
      y[i] = b.y[0];
    }
    return { x, y, size: samples.length };
  };
  const source: BatchSource = {
    xShape: [L],
    yShape: [1],
    train: starts(train.count, 0),
    validation: validation ? starts(validation.count, valOffset) : null,
    nextBatch: batchOf,
  };
  const notes = [
    `Corpus of ${corpus.length} characters from '${col.name}'; vocabulary of ${vocabulary.length} ${t.tokens === 'char' ? 'characters' : 'words'}.`,
    `${source.train.length} training sequences of ${L} tokens.`,
  ];

  return {
    source,
    dims: { timesteps: L, features: 1, outputs: 1, horizon: 1, vocabSize: vocabulary.length },
    loss: 'sparseCategoricalCrossentropy',
    notes,
    evaluate(tf: Tf, model: tfTypes.LayersModel): GenerationEvaluation {
      const ce = evaluateLoss(tf, model, source, starts(test.count, testOffset), 'sparseCategoricalCrossentropy').loss;
      const prompt = Array.from(test.ids.subarray(0, L));
      const generated = generate(tf, model, prompt, SAMPLE_TOKENS, spec.training.seed);
      const words = (ids: number[]) => ids.map((id) => (id > 1 ? vocabulary[id] : '')).filter((w) => w !== '');
      const bleu = continuationBleu(tf, model, test.ids, L, { vocabulary, tokens: t.tokens });
      return {
        kind: 'generation',
        perplexity: perplexity(ce),
        sample: detokenize([...words(prompt), ...words(generated)], t.tokens),
        ...(bleu === null ? {} : { bleu }),
      };
    },
    preprocessing: () => textPreprocessing(spec, L, vocabulary, null),
  };
}

/** Samples `count` tokens after `prompt` with temperature, never padding or out-of-vocabulary. */
export function generate(
  tf: Tf,
  model: tfTypes.LayersModel,
  prompt: number[],
  count: number,
  seed: number,
  temperature = SAMPLE_TEMPERATURE,
): number[] {
  const random = seededRandom(seed);
  return continueWindows(tf, model, [prompt], count, (p) => sampleToken(p, temperature, random))[0];
}
