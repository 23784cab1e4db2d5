/**
 * The TensorFlow.js module used by exports: native TensorFlow when it is installed, the pure
 * JavaScript build otherwise (both read the same model folders and give the same weights).
 */
import { createRequire } from 'node:module';
import type * as tfTypes from '@tensorflow/tfjs';

/** The TensorFlow.js API. */
export type Tf = typeof tfTypes;

let cached: Tf | null = null;

/** Loads TensorFlow.js once per process. */
export function loadTf(): Tf {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // TensorFlow's C++ info notes are not for our users (as in engine/backend.ts).
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  try {
    cached = require('@tensorflow/tfjs-node') as Tf;
  } catch {
    cached = require('@tensorflow/tfjs') as Tf;
  }
  return cached;
}
