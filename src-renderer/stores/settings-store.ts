/**
 * The user's settings ('settings.get' / 'settings.set'). The theme applies live: the root
 * element carries data-theme="light" | "dark", resolved from the system preference when the
 * setting is 'system', so charts and CSS follow the same answer.
 */
import { defineStore } from 'pinia';
import { onScopeDispose, ref } from 'vue';
import type { RequestArgs } from '../../src-main/shared/contract';
import type { Settings } from '../../src-main/shared/types-project';
import { bumpChartTheme } from '../charts/theme';
import { useAsyncAction } from '../composables/use-async-action';
import { useStudioApi } from '../composables/use-studio-api';

export type SettingsPatch = RequestArgs<'settings.set'>;

/** The theme the page shows for a setting, given whether the system prefers dark. */
export function resolveTheme(theme: Settings['theme'], systemDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return systemDark ? 'dark' : 'light';
  return theme;
}

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null);
  const loading = ref(false);
  const saving = ref(false);
  const error = ref<string | null>(null);
  const act = useAsyncAction(error);

  const media =
    typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  /** Sets data-theme on the root element for the current (or given) theme setting. */
  function applyTheme(theme: Settings['theme'] = settings.value?.theme ?? 'system'): void {
    if (typeof document === 'undefined') return;
    const resolved = resolveTheme(theme, media?.matches ?? false);
    if (document.documentElement.dataset.theme === resolved) return;
    document.documentElement.dataset.theme = resolved;
    bumpChartTheme();
  }
  const onSystemChange = (): void => applyTheme();
  media?.addEventListener?.('change', onSystemChange);
  onScopeDispose(() => media?.removeEventListener?.('change', onSystemChange));
  applyTheme('system');

  async function load(): Promise<void> {
    await act(
      loading,
      async () => {
        settings.value = await useStudioApi().request('settings.get', undefined);
        applyTheme();
      },
      undefined,
    );
  }

  /** Sends a change to main and adopts what it stored; the theme shows at once, before main answers. */
  async function update(patch: SettingsPatch): Promise<boolean> {
    if (patch.theme) applyTheme(patch.theme);
    const stored = await act(
      saving,
      async () => {
        settings.value = await useStudioApi().request('settings.set', patch);
        return true;
      },
      false,
    );
    // Stored or refused, the theme shows what main holds now.
    applyTheme();
    return stored;
  }

  return { settings, loading, saving, error, load, update, applyTheme };
});
