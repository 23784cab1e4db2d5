/**
 * The "training threads" setting. Native TensorFlow sizes its thread pools from
 * TF_NUM_INTRAOP_THREADS / TF_NUM_INTEROP_THREADS when it first starts in the process, our
 * recurrent kernels read their cap per call from RECURRENT_RNN_THREADS when they load, and
 * workers inherit the app's environment when they are created: so the setting is written into
 * the environment before TensorFlow loads, and a change takes effect after a restart.
 */
import { applyAutomaticThreads } from '../tensorflow/threads';

const VARIABLES = ['TF_NUM_INTRAOP_THREADS', 'TF_NUM_INTEROP_THREADS', 'RECURRENT_RNN_THREADS'] as const;

/** What the environment held before the app changed it, so "automatic" restores it. */
const original = new Map<string, string | undefined>();

/**
 * Sets TensorFlow's thread variables and our kernels' cap in `env`; for null ("automatic") restores
 * what the environment held and, where that was nothing, uses the automatic per-op count
 * (tensorflow/threads.ts) and lets the kernels use every core.
 */
export function applyTrainingThreads(
  threads: number | null,
  env: NodeJS.ProcessEnv = process.env,
  cores?: number,
): void {
  for (const name of VARIABLES) {
    if (!original.has(name)) original.set(name, env[name]);
    if (threads !== null) {
      env[name] = String(threads);
    } else {
      const before = original.get(name);
      if (before === undefined) delete env[name];
      else env[name] = before;
    }
  }
  if (threads === null) applyAutomaticThreads(env, cores);
}
