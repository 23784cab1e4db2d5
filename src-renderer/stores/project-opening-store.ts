/**
 * The project open under way: how much of the file main has unpacked and a way to stop it. It
 * follows the same 'data.progress' events and 'data.cancelImport' request as a data import, so
 * the same progress bar serves it. A cancelled open ends quietly: nothing changed.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { StudioError } from '../../src-main/shared/contract';
import { useStudioApi } from '../composables/use-studio-api';
import { newImportId, type ImportProgress } from './dataset-store';

export const useProjectOpeningStore = defineStore('project-opening', () => {
  const opening = ref<ImportProgress | null>(null);

  /**
   * Runs one open under a fresh id, following its progress; resolves null when the user
   * cancelled it, and rethrows any other failure.
   */
  async function track<T>(task: (openId: string) => Promise<T>): Promise<T | null> {
    const openId = newImportId();
    opening.value = { importId: openId, fraction: null, bytesRead: null, cancelling: false };
    const stop = useStudioApi().on('data.progress', (p) => {
      const current = opening.value;
      if (current?.importId !== p.importId || current.cancelling) return;
      opening.value = { ...current, fraction: p.fraction, bytesRead: p.bytesRead };
    });
    try {
      return await task(openId);
    } catch (e) {
      if (e instanceof StudioError && e.code === 'cancelled') return null;
      throw e;
    } finally {
      stop();
      if (opening.value?.importId === openId) opening.value = null;
    }
  }

  /** Asks main to stop the open under way; its request then ends with nothing changed. */
  async function cancel(): Promise<void> {
    const current = opening.value;
    if (!current || current.cancelling) return;
    opening.value = { ...current, cancelling: true };
    try {
      await useStudioApi().request('data.cancelImport', { importId: current.importId });
    } catch {
      // The bar already says "Cancelling…"; the open's own answer ends it either way.
    }
  }

  return { opening, track, cancel };
});
