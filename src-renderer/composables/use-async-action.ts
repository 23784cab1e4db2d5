/**
 * The shape of every store action that asks main for something: raise a busy flag, run, clear
 * the store's error when it worked, put the failure into words when it did not, lower the flag.
 */
import type { Ref } from 'vue';
import { errorMessage } from '../utils/format';

/** Runs `task`; resolves its value, or `failed` (with the store's `error` set) when it threw. */
export type AsyncAction = <T, F>(busy: Ref<boolean> | null, task: () => Promise<T>, failed: F) => Promise<T | F>;

/** An action runner that reports failures in `error`, the store's one place for them. */
export function useAsyncAction(error: Ref<string | null>): AsyncAction {
  return async (busy, task, failed) => {
    if (busy) busy.value = true;
    try {
      const value = await task();
      error.value = null;
      return value;
    } catch (e) {
      error.value = errorMessage(e);
      return failed;
    } finally {
      if (busy) busy.value = false;
    }
  };
}
