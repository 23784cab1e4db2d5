/**
 * Getting a trained model out of the app: copied into a folder the user chose, or zipped for
 * hosts that download files. Both carry model.json, the weights and preprocessing.json.
 */
import { copyFile, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { tempNameFor } from '../storage/atomic-write';
import { ServiceError } from '../shared/service-error';

/** The regular files of a model folder; throws when there is no model.json. */
export async function modelFiles(modelDir: string): Promise<string[]> {
  let names: string[];
  try {
    const entries = await readdir(modelDir, { withFileTypes: true });
    names = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    names = [];
  }
  if (!names.includes('model.json')) {
    throw new ServiceError('not-found', 'The trained model files are missing. Train the model again to save it.');
  }
  return names.sort();
}

/**
 * Copies every model file into `targetDir`. Files are first copied under temporary names and
 * renamed only when all copies succeeded, so the folder never holds half a model. Refuses
 * (before writing anything) when the folder already holds a file of the same name.
 */
export async function saveModelTo(modelDir: string, targetDir: string): Promise<{ dir: string; files: string[] }> {
  const files = await modelFiles(modelDir);
  const info = await stat(targetDir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new ServiceError('io', `The folder "${targetDir}" does not exist. Choose another folder.`);
  }
  const clashes = await existing(targetDir, files);
  if (clashes.length) {
    throw new ServiceError(
      'io',
      `The folder "${targetDir}" already holds ${clashes.join(', ')}. Choose an empty folder so no saved model is overwritten.`,
    );
  }
  const temps: string[] = [];
  try {
    for (const name of files) {
      const temp = tempNameFor(join(targetDir, name));
      temps.push(temp);
      await copyFile(join(modelDir, name), temp);
    }
    // Checked again right before renaming: the user may have saved into the same folder meanwhile.
    const late = await existing(targetDir, files);
    if (late.length) {
      throw new ServiceError('io', `The folder "${targetDir}" now holds ${late.join(', ')}; nothing was overwritten.`);
    }
    for (let i = 0; i < files.length; i++) await rename(temps[i], join(targetDir, files[i]));
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw err;
  }
  return { dir: targetDir, files };
}

/** The model folder as one zip, with the files at the zip's top level. */
export async function archiveModel(modelDir: string): Promise<Uint8Array> {
  const files = await modelFiles(modelDir);
  const entries: Record<string, Uint8Array> = {};
  for (const name of files) entries[name] = new Uint8Array(await readFile(join(modelDir, name)));
  return zipSync(entries, { level: 6 });
}

async function existing(dir: string, names: string[]): Promise<string[]> {
  const found = await Promise.all(
    names.map((n) =>
      stat(join(dir, n)).then(
        () => n,
        () => null,
      ),
    ),
  );
  return found.filter((n): n is string => n !== null);
}
