/**
 * The File menu's project items over a real service (scripted training): save asks where
 * only for an untitled project, cancelled dialogs change nothing, failures reach the user.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectState } from '../../src-main/shared/types-project';
import { projectActions, type ProjectActionDeps } from '../../src-main/electron/project-actions';
import { StudioService } from '../../src-main/services/studio-service';
import { ScriptedLauncher, fakeDeps } from '../services/fixtures';

let dataDir: string;
let service: StudioService;
let asked: string[];
let errors: string[];
let answer: string | null;

function deps(): ProjectActionDeps {
  return {
    service,
    chooseProject: async () => {
      asked.push('open');
      return answer;
    },
    chooseSaveTarget: async (defaultName) => {
      asked.push(`save:${defaultName}`);
      return answer;
    },
    showError: (title, message) => errors.push(`${title}: ${message}`),
  };
}

async function current(): Promise<ProjectState> {
  const envelope = await service.handle('project.current', undefined);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as ProjectState;
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'project-actions-'));
  service = new StudioService({ dataDir, host: 'electron', version: '0' }, fakeDeps(new ScriptedLauncher()));
  asked = [];
  errors = [];
  answer = null;
});

afterEach(async () => {
  await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('File menu project actions', () => {
  it('asks where to save an untitled project, then saves in place without asking', async () => {
    const actions = projectActions(deps());
    answer = null;
    await actions.save();
    expect(asked).toEqual(['save:Untitled project.rsproj']);
    expect((await current()).path).toBeNull();

    const path = join(dataDir, 'mine.rsproj');
    answer = path;
    await actions.save();
    expect((await current()).path).toBe(path);
    expect(existsSync(path)).toBe(true);
    await actions.save();
    expect(asked).toHaveLength(2);
    expect(errors).toEqual([]);
    expect((await actions.recent()).map((r) => r.path)).toEqual([path]);
  });

  it('opens a chosen project, ignores a cancelled dialog and reports unreadable files', async () => {
    const actions = projectActions(deps());
    const path = join(dataDir, 'kept.rsproj');
    answer = path;
    await actions.saveAs();
    await actions.newProject();
    expect((await current()).path).toBeNull();

    answer = null;
    await actions.openProject();
    expect((await current()).path).toBeNull();
    answer = path;
    await actions.openProject();
    expect((await current()).path).toBe(path);

    await actions.openProject(join(dataDir, 'missing.rsproj'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Open project: /);
    expect((await current()).path).toBe(path);
  });
});
