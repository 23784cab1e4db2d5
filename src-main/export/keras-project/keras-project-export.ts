/**
 * The Keras training project export: a folder of Python files that retrains the run in Keras 3
 * (prepare.py, model.py, train.py), its preprocessing.json as data, the architecture and the
 * app's trained weights in the layout of the .keras export, requirements.txt and a README.
 */
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import type { ModelFolder } from '../../engine/model/model-folder';
import type { PendingFile } from '../../storage/atomic-write';
import { kerasConfig, kerasWeightsH5 } from '../keras-export';
import { UnsupportedModelError, type ModelChain } from '../model-chain';
import { MODEL_PY } from './model-py';
import { PREPARE_PY } from './prepare-py';
import { projectReadme } from './project-readme';
import { TRAIN_PY } from './train-py';

/** The packages the project runs on: the versions the app's Keras export is checked against. */
export const PROJECT_REQUIREMENTS = 'tensorflow-cpu==2.21.0\nkeras>=3.15,<4\nnumpy\n';

/** Why a model folder cannot become a training project, or null when it can. */
export function kerasProjectRefusal(folder: ModelFolder): string | null {
  const pre = folder.preprocessing;
  if (!pre) return 'The model has no preprocessing.json, so its data preparation cannot be reproduced.';
  if (pre.task !== 'forecast' || !pre.target) {
    return `Training projects reproduce forecast runs; this is a ${pre.task} run.`;
  }
  if (pre.series && pre.series.length > 1) {
    return 'Training projects reproduce single-series forecasts; this run trained one network over several series.';
  }
  return null;
}

/** The project's files (path inside `target` → bytes). */
export async function kerasProjectFiles(
  folder: ModelFolder,
  chain: ModelChain,
  target: string,
): Promise<PendingFile[]> {
  const refusal = kerasProjectRefusal(folder);
  if (refusal || !folder.preprocessingBytes || !folder.preprocessing) throw new UnsupportedModelError(refusal ?? '');
  const text: Record<string, string> = {
    'train.py': TRAIN_PY,
    'prepare.py': PREPARE_PY,
    'model.py': MODEL_PY,
    'requirements.txt': PROJECT_REQUIREMENTS,
    'README.md': projectReadme(folder.preprocessing),
    'model/config.json': JSON.stringify(kerasConfig(chain), null, 1),
  };
  const files: PendingFile[] = Object.entries(text).map(([name, body]) => ({
    path: join(target, name),
    data: strToU8(body),
  }));
  files.push({ path: join(target, 'preprocessing.json'), data: folder.preprocessingBytes });
  files.push({ path: join(target, 'model', 'app.weights.h5'), data: await kerasWeightsH5(chain) });
  return files;
}
