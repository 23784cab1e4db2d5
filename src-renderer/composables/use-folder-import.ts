/**
 * "Open a folder…": labeled texts (one subfolder per label, one .txt file per text) or pairs
 * (two line-aligned files, or many small name.src + name.tgt files). The
 * desktop answers with its folder dialog, the browser with its folder upload; a view only
 * says what happens once the folder has been read.
 */
import { useDatasetStore } from '../stores/dataset-store';

/** The action behind a view's "Open a folder…" button. */
export function useFolderImport(onImported: () => Promise<void> | void) {
  const dataset = useDatasetStore();

  async function choose(): Promise<void> {
    if (await dataset.pickFolder()) await onImported();
  }

  return { choose };
}
