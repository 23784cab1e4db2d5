/**
 * Loads TensorFlow.js once per process (or worker): the native TensorFlow backend when it is
 * installed, otherwise the pure-JavaScript CPU backend with a note telling the user how to
 * get the fast one.
 */
import { createRequire } from 'node:module';
import type * as tfTypes from '@tensorflow/tfjs';
import { applyAutomaticThreads } from './threads';

export type Tf = typeof tfTypes;

export interface LoadedTf {
  tf: Tf;
  backend: 'tensorflow' | 'cpu';
  /** Plain-language note when training runs on the slow engine; null on native TensorFlow. */
  note: string | null;
}

const SLOW_NOTE =
  'Training runs on the slower pure-JavaScript engine because native TensorFlow is not installed. ' +
  'Run `npm run provision-tensorflow` (or `npm run setup`) and restart the app to train several times faster.';

const FORCED_NOTE =
  'Training runs on the slower pure-JavaScript engine because RECURRENT_BACKEND=cpu is set. ' +
  'Unset it to use native TensorFlow.';

let loading: Promise<LoadedTf> | null = null;

/** Loads TensorFlow.js; later calls return the same result. */
export function loadTf(): Promise<LoadedTf> {
  loading ??= load();
  return loading;
}

async function load(): Promise<LoadedTf> {
  // TensorFlow's C++ info and performance notes are not for our users; errors still show.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  applyAutomaticThreads();
  const forcedCpu = process.env.RECURRENT_BACKEND === 'cpu';
  if (!forcedCpu) {
    try {
      // tfjs-node is CommonJS with a native addon; require keeps it out of the bundler's graph.
      const require = createRequire(import.meta.url);
      const tf = require('@tensorflow/tfjs-node') as Tf;
      await tf.ready();
      if (tf.getBackend() === 'tensorflow') return { tf, backend: 'tensorflow', note: null };
    } catch {
      // Falls through to the pure-JavaScript engine below.
    }
  }
  const tf = (await import('@tensorflow/tfjs')) as Tf;
  await tf.setBackend('cpu');
  await tf.ready();
  return { tf, backend: 'cpu', note: forcedCpu ? FORCED_NOTE : SLOW_NOTE };
}
