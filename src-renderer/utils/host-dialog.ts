/**
 * Host dialogs without asking which host runs: a dialog request either answers (a path, or
 * null when the user cancels) or fails with code 'unavailable' where the host has no native
 * dialogs (the browser). Callers then fall back on a download.
 */
import { StudioError } from '../../src-main/shared/contract';

export type DialogOutcome = { kind: 'chosen'; path: string } | { kind: 'cancelled' } | { kind: 'unavailable' };

/** Runs a dialog request and sorts its answer into chosen / cancelled / unavailable; other failures rethrow. */
export async function tryDialog(open: () => Promise<string | null>): Promise<DialogOutcome> {
  try {
    const path = await open();
    return path ? { kind: 'chosen', path } : { kind: 'cancelled' };
  } catch (e) {
    if (e instanceof StudioError && e.code === 'unavailable') return { kind: 'unavailable' };
    throw e;
  }
}
