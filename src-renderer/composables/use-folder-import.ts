/**
 * "Open a folder of labeled texts…": one subfolder per label, one .txt file per text. The
 * desktop answers with its folder dialog, the browser with its folder upload; a view only
 * says what happens once the folder has been read.
 */
import { useDatasetStore } from '../stores/dataset-store';

/** The action behind a view's "Open a folder of labeled texts…" button. */
export function useFolderImport(onImported: () => Promise<void> | void) {
  const dataset = useDatasetStore();

  async function choose(): Promise<void> {
    if (await dataset.pickFolder()) await onImported();
  }

  return { choose };
}
