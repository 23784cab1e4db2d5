/**
 * "Open a folder of labeled texts…": one subfolder per label, one .txt file per text. The
 * desktop host answers with its folder dialog; a host without one (the browser) answers
 * 'unavailable', and the user types the folder's path instead.
 */
import { ref } from 'vue';
import { useDatasetStore } from '../stores/dataset-store';
import { errorMessage } from '../utils/format';
import { tryDialog } from '../utils/host-dialog';
import { useStudioApi } from './use-studio-api';

/** State and actions for importing a labeled-text folder from a view. */
export function useFolderImport(onImported: () => Promise<void> | void) {
  const dataset = useDatasetStore();
  /** The host has no folder dialog: the view shows a path input. */
  const askPath = ref(false);

  async function choose(): Promise<void> {
    try {
      const outcome = await tryDialog(() => useStudioApi().request('dialog.openDataFolder', undefined));
      if (outcome.kind === 'unavailable') askPath.value = true;
      else if (outcome.kind === 'chosen') await open(outcome.path);
    } catch (e) {
      dataset.error = errorMessage(e);
    }
  }

  /** Reads the folder as a dataset; the path input closes once it has been read. */
  async function open(path: string): Promise<void> {
    if (!(await dataset.inspect(path))) return;
    askPath.value = false;
    await onImported();
  }

  return { askPath, choose, open };
}
