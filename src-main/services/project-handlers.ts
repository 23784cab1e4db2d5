/**
 * The project, sample, search and settings channels: answered by the project service, the
 * search runner and the settings store, each of which the studio service owns.
 */
import type { EventPayloads } from '../shared/contract';
import type { ProjectService } from '../projects/project-service';
import type { SearchRunner } from '../search/search-runner';
import type { SettingsStore } from '../settings/settings-store';
import { ServiceError } from '../shared/service-error';
import type { ProjectOpenings } from './project-openings';
import type { HandlerMap } from './service-types';
import { applyTrainingThreads } from './thread-settings';

export interface ProjectContext {
  projects: ProjectService;
  search: SearchRunner;
  settings: SettingsStore;
  /** How many training runs are in progress (a search never trains beside another run). */
  activeRuns: () => number;
  /** Resolves when the runs of earlier sessions have been read. */
  runsLoaded: Promise<void>;
  /** Project opens under way, which 'data.cancelImport' can stop. */
  openings: ProjectOpenings;
  /** Sends a project open's progress as a 'data.progress' event. */
  reportProgress: (payload: EventPayloads['data.progress']) => void;
}

const TRAINING_NOW = 'A model is training. Wait for it to finish or cancel it, then start the search.';

/** Handlers of 'project.*', 'samples.*', 'search.*' and 'settings.*'. */
export function projectHandlers(c: ProjectContext): HandlerMap {
  return {
    'project.current': async () => c.projects.current(),
    'project.new': async () => c.projects.newProject(),
    'project.open': async ({ path, importId }) => {
      // Restored runs join the run list, which must be loaded first so they are not read twice.
      await c.runsLoaded;
      const report =
        importId === undefined
          ? undefined
          : (p: { fraction: number; bytesRead: number }) => c.reportProgress({ importId, ...p });
      return c.openings.run(importId, report, (controls) => c.projects.open(path, controls));
    },
    'project.save': async ({ path }) => c.projects.save(path),
    'project.setSpec': async ({ spec }) => c.projects.setSpec(spec),
    'project.relink': async ({ path }) => c.projects.relink(path),
    'project.recent': async () => c.projects.recent(),
    'samples.list': async () => c.projects.samples(),
    'samples.open': async ({ id }) => c.projects.openSample(id),
    'search.start': async ({ spec, plan }) => {
      await c.runsLoaded;
      if (c.activeRuns() > 0) throw new ServiceError('invalid-request', TRAINING_NOW);
      const { searchId } = c.search.start(spec, plan);
      return { searchId };
    },
    'search.startAutomatic': async ({ spec, budgetSeconds }) => {
      await c.runsLoaded;
      if (c.activeRuns() > 0) throw new ServiceError('invalid-request', TRAINING_NOW);
      const { searchId } = await c.search.startAutomatic(spec, budgetSeconds);
      return { searchId };
    },
    'search.cancel': async ({ searchId }) => {
      if (!c.search.cancel(searchId)) {
        throw new ServiceError('not-found', `The search "${searchId}" is not running.`);
      }
      return { ok: true as const };
    },
    'settings.get': async () => c.settings.get(),
    'settings.set': async (patch) => {
      const next = await c.settings.set(patch);
      applyTrainingThreads(next.trainingThreads);
      return next;
    },
  };
}
