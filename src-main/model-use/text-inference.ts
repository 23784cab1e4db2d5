/**
 * The try-it boxes of text models: class probabilities for a typed text, and text generated
 * after a typed seed. Both load the saved model with its preprocessing.json and encode the
 * text exactly as training did (same vocabulary, tokens, case, length, padding).
 */
import { PAD, detokenize, encodeTokens, vocabularyIndex } from '../data/prepare/text';
import { classifyTexts } from './classify-texts';
import type { TextModel, TextPreprocessing } from './text-model';
import { knownTokens, unknownWords, unknownWordsWarning } from './unknown-words';
import { importTfjsModel } from '../export/index';
import { RunFolderError, modelFolderOf } from './load-run';
import type { ClassProbabilities, GeneratedText } from '../shared/types-model-use';
import { loadTf } from '../tensorflow/load-tf';
import type { Tf } from '../tensorflow/load-tf';
import { seededRandom } from '../engine/training/seeded-random';
import { continueWindows, sampleToken } from '../engine/model/token-sampling';

export interface InferenceOptions {
  /** The TensorFlow.js module; the app's (native when installed) by default. */
  tf?: Tf;
}

export interface GenerateOptions extends InferenceOptions {
  /** Text the generated text continues. */
  seed: string;
  /** Tokens to generate (characters or words, as the model was trained). */
  length: number;
  /** Below 1 picks likelier tokens, above 1 more surprising ones. */
  temperature: number;
  /** Seed of the random draws, for repeatable output; a fresh one each call by default. */
  randomSeed?: number;
}

/**
 * Opens the text model of a run folder (run.json + model/) or of a model folder
 * (model.json + preprocessing.json). Throws RunFolderError (a message for the user) for models
 * without text input.
 */
export async function openTextModel(dir: string, tf: Tf): Promise<TextModel> {
  const { runId, modelDir } = await modelFolderOf(dir);
  const { model, preprocessing } = await importTfjsModel(modelDir, tf);
  if (!preprocessing?.text) {
    model.dispose();
    throw new RunFolderError(`The model in ${modelDir} does not read text, so it cannot take typed text.`);
  }
  return { runId, model, pre: preprocessing as TextPreprocessing, dispose: () => model.dispose() };
}

/** Class probabilities of `text` from a text-classification model, in the model's class order. */
export async function classifyText(
  runDir: string,
  text: string,
  opts: InferenceOptions = {},
): Promise<ClassProbabilities> {
  const tf = opts.tf ?? (await loadTf()).tf;
  const opened = await openTextModel(runDir, tf);
  try {
    const { pre } = opened;
    const classes = pre.classes;
    if (pre.task !== 'text-classification' || !classes) {
      throw new RunFolderError(`This is a ${pre.task} model; classifying a text needs a text-classification model.`);
    }
    const [probabilities] = classifyTexts(tf, opened, [text]);
    const unknown = unknownWords(text, pre.text, knownTokens(pre.text));
    return {
      runId: opened.runId,
      classes: classes.map((label, i) => ({ label, probability: probabilities[i] })),
      unknownShare: unknown.share,
      warning: unknownWordsWarning(unknown, pre.text.tokens),
    };
  } finally {
    opened.dispose();
  }
}

/**
 * Generates `length` tokens after `seed` with a text-generation model. The result is the seed
 * as typed followed by the generated continuation.
 */
export async function generateText(runDir: string, opts: GenerateOptions): Promise<GeneratedText> {
  const tf = opts.tf ?? (await loadTf()).tf;
  const opened = await openTextModel(runDir, tf);
  try {
    const { pre, model } = opened;
    if (pre.task !== 'text-generation') {
      throw new RunFolderError(`This is a ${pre.task} model; generating text needs a text-generation model.`);
    }
    const t = pre.text;
    const ids = Array.from(encodeTokens(opts.seed, vocabularyIndex(t.vocabulary), t));
    // Training windows were always full of text; a short seed is padded in front so the newest
    // tokens sit where the model expects them.
    const window =
      ids.length >= t.maxLength
        ? ids.slice(-t.maxLength)
        : [...new Array<number>(t.maxLength - ids.length).fill(PAD), ...ids];
    const random = seededRandom(opts.randomSeed ?? Math.floor(Math.random() * 2 ** 31));
    const [generated] = continueWindows(tf, model, [window], opts.length, (p) =>
      sampleToken(p, opts.temperature, random),
    );
    const continuation = detokenize(
      generated.map((id) => t.vocabulary[id]),
      t.tokens,
    );
    return { runId: opened.runId, text: joinContinuation(opts.seed, continuation, t.tokens) };
  } finally {
    opened.dispose();
  }
}

/** The seed followed by the continuation, with a space between words where one belongs. */
function joinContinuation(seed: string, continuation: string, tokens: 'char' | 'word'): string {
  if (tokens === 'char' || seed === '' || /\s$/.test(seed) || /^[^\p{L}\p{N}]/u.test(continuation)) {
    return seed + continuation;
  }
  return `${seed} ${continuation}`;
}
