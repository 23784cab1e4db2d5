/**
 * The Keras training project export: a folder of Python files that retrains the run in Keras 3
 * (prepare.py, evaluate.py, model.py, train.py, and search.py for Ray Tune), its
 * preprocessing.json as data, the architecture and the app's trained weights in the layout of the
 * .keras export, the search plan's trials when one is given, requirements and a README.
 */
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import type { ModelFolder } from '../../engine/model/model-folder';
import type { PendingFile } from '../../storage/atomic-write';
import { kerasConfig, kerasWeightsH5 } from '../keras-export';
import { UnsupportedModelError, type ModelChain } from '../model-chain';
import { EVALUATE_CLASSES_PY } from './evaluate-classes-py';
import { EVALUATE_FORECAST_PY } from './evaluate-forecast-py';
import { MODEL_PY } from './model-py';
import { PREPARE_PY } from './prepare-py';
import { PREPARE_TEXT_PY } from './prepare-text-py';
import { projectReadme } from './project-readme';
import { SEARCH_PY } from './search-py';
import type { SearchTrials } from './search-trials';
import { TRAIN_PY } from './train-py';

/** The packages the project runs on: the versions the app's Keras export is checked against. */
export const PROJECT_REQUIREMENTS = 'tensorflow-cpu==2.21.0\nkeras>=3.15,<4\nnumpy\n';

/** Why a model folder cannot become a training project, or null when it can. */
export function kerasProjectRefusal(folder: ModelFolder): string | null {
  const pre = folder.preprocessing;
  if (!pre) return 'The model has no preprocessing.json, so its data preparation cannot be reproduced.';
  if (pre.task === 'text-classification') {
    return pre.text && pre.classes ? null : 'The text run has no vocabulary or classes in its preprocessing.json.';
  }
  if (pre.task !== 'forecast' || !pre.target) {
    return `Training projects reproduce forecast and text-classification runs; this is a ${pre.task} run.`;
  }
  return null;
}

/** The packages search.py needs besides the project's. */
export const SEARCH_REQUIREMENTS = 'ray[tune]>=2.9\n';

/**
 * The project's files (path inside `target` → bytes).
 * @param trials the expanded search plan for search.py (search/trials.json), when the user gave one
 */
export async function kerasProjectFiles(
  folder: ModelFolder,
  chain: ModelChain,
  target: string,
  trials?: SearchTrials,
): Promise<PendingFile[]> {
  const refusal = kerasProjectRefusal(folder);
  if (refusal || !folder.preprocessingBytes || !folder.preprocessing) throw new UnsupportedModelError(refusal ?? '');
  const text: Record<string, string> = {
    'train.py': TRAIN_PY,
    // The task decides how data is read and scored; training is the same for every task.
    'prepare.py': folder.preprocessing.task === 'forecast' ? PREPARE_PY : PREPARE_TEXT_PY,
    'evaluate.py': folder.preprocessing.task === 'forecast' ? EVALUATE_FORECAST_PY : EVALUATE_CLASSES_PY,
    'model.py': MODEL_PY,
    'search.py': SEARCH_PY,
    'requirements.txt': PROJECT_REQUIREMENTS,
    'requirements-ray.txt': SEARCH_REQUIREMENTS,
    'README.md': projectReadme(folder.preprocessing),
    'model/config.json': JSON.stringify(kerasConfig(chain), null, 1),
  };
  if (trials) text['search/trials.json'] = JSON.stringify(trials, null, 1);
  const files: PendingFile[] = Object.entries(text).map(([name, body]) => ({
    path: join(target, name),
    data: strToU8(body),
  }));
  files.push({ path: join(target, 'preprocessing.json'), data: folder.preprocessingBytes });
  files.push({ path: join(target, 'model', 'app.weights.h5'), data: await kerasWeightsH5(chain) });
  return files;
}
