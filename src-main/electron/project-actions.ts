/**
 * What the File menu's project items do: new, open (from a dialog or the recent list), save
 * and save as. They talk to the service like the renderer does, so the page learns of every
 * change through 'project.changed'. Free of Electron imports: the dialogs come in as functions.
 */
import type { Envelope } from '../shared/contract';
import type { ProjectState, RecentProject } from '../shared/types-project';

export interface ProjectActionDeps {
  service: { handle(name: string, args: unknown): Promise<Envelope<unknown>> };
  /** Asks for a project file to open; null when cancelled. */
  chooseProject(): Promise<string | null>;
  /** Asks where to save the project; null when cancelled. */
  chooseSaveTarget(defaultName: string): Promise<string | null>;
  /** Tells the user why an action failed. */
  showError(title: string, message: string): void;
}

export interface ProjectActions {
  newProject(): Promise<void>;
  /** Opens `path`, or asks for a file first. */
  openProject(path?: string): Promise<void>;
  /** Saves to the project's file; asks for one when the project was never saved. */
  save(): Promise<void>;
  saveAs(): Promise<void>;
  /** The recent projects for the menu (empty when they cannot be read). */
  recent(): Promise<RecentProject[]>;
}

/** The File menu's project actions over the service. */
export function projectActions(deps: ProjectActionDeps): ProjectActions {
  const call = async <T>(title: string, name: string, args: unknown): Promise<T | null> => {
    const envelope = await deps.service.handle(name, args);
    if (envelope.ok) return envelope.value as T;
    deps.showError(title, envelope.error.message);
    return null;
  };
  const saveAs = async (): Promise<void> => {
    const current = await call<ProjectState>('Save project', 'project.current', undefined);
    if (!current) return;
    const target = await deps.chooseSaveTarget(`${current.name}.rsproj`);
    if (target) await call('Save project', 'project.save', { path: target });
  };
  return {
    newProject: async () => {
      await call('New project', 'project.new', undefined);
    },
    openProject: async (path) => {
      const chosen = path ?? (await deps.chooseProject());
      if (chosen) await call('Open project', 'project.open', { path: chosen });
    },
    save: async () => {
      const current = await call<ProjectState>('Save project', 'project.current', undefined);
      if (!current) return;
      if (current.path === null) await saveAs();
      else await call('Save project', 'project.save', {});
    },
    saveAs,
    recent: async () => {
      const envelope = await deps.service.handle('project.recent', undefined);
      return envelope.ok ? (envelope.value as RecentProject[]) : [];
    },
  };
}
