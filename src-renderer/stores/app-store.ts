/** App-wide facts: version, training backend, and which step of the journey is open. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppInfo } from '../../src-main/shared/types';
import { useStudioApi } from '../composables/use-studio-api';
import { errorMessage } from '../utils/format';

/** The steps of the journey, in sidebar order; the start screen first and the runs overview last. */
export const STEPS = ['start', 'data', 'model', 'train', 'results', 'runs'] as const;
export type Step = (typeof STEPS)[number];

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const error = ref<string | null>(null);
  const step = ref<Step>('start');
  /** Whether the settings dialog is open. */
  const settingsOpen = ref(false);

  /** The plain note to show when training will run on the slow pure-JavaScript backend. */
  const backendBanner = computed(() => {
    if (!info.value || info.value.backend !== 'cpu') return null;
    return (
      info.value.backendNote ?? 'Training runs on the slower JavaScript backend: native TensorFlow is not available.'
    );
  });

  async function load(): Promise<void> {
    try {
      info.value = await useStudioApi().request('app.info', undefined);
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    }
  }

  function go(next: Step): void {
    step.value = next;
  }

  return { info, error, step, settingsOpen, backendBanner, load, go };
});
