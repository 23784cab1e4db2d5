/**
 * The desktop's file actions: each asks its native dialog, hands the chosen path to the request
 * that reads or writes it, and does nothing more when the user cancels.
 */
import { describe, expect, it } from 'vitest';
import type { RequestName } from '../../src-main/shared/contract';
import { desktopFiles } from '../../src-main/shared/desktop-files';

/** A request function answering from a table and recording what was asked. */
function recorder(answers: Partial<Record<RequestName, unknown>>) {
  const calls: [RequestName, unknown][] = [];
  const request = async (name: RequestName, args: unknown) => {
    calls.push([name, args]);
    return answers[name] as never;
  };
  return { calls, files: desktopFiles(request as never) };
}

describe('desktopFiles', () => {
  it('opens the project chosen in the dialog, and nothing when it is cancelled', async () => {
    const chosen = recorder({ 'dialog.openProject': '/p/pumps.rsproj', 'project.open': { name: 'Pumps' } });
    expect(await chosen.files.openProject()).toEqual({ name: 'Pumps' });
    expect(chosen.calls.at(-1)).toEqual(['project.open', { path: '/p/pumps.rsproj' }]);

    const cancelled = recorder({ 'dialog.openProject': null });
    expect(await cancelled.files.openProject()).toBeNull();
    expect(cancelled.calls.map(([name]) => name)).toEqual(['dialog.openProject']);
  });

  it('saves in place without a dialog, and asks where only when told to', async () => {
    const inPlace = recorder({ 'project.save': { name: 'P' } });
    await inPlace.files.saveProject({ choosePlace: false, defaultName: 'P.rsproj' });
    expect(inPlace.calls).toEqual([['project.save', {}]]);

    const saveAs = recorder({ 'dialog.saveFile': '/p/copy.rsproj', 'project.save': { name: 'P' } });
    await saveAs.files.saveProject({ choosePlace: true, defaultName: 'P.rsproj' });
    expect(saveAs.calls).toEqual([
      ['dialog.saveFile', { title: 'Save project', defaultName: 'P.rsproj', extensions: ['rsproj'] }],
      ['project.save', { path: '/p/copy.rsproj' }],
    ]);
  });

  it("reads a chosen folder with the caller's import id, predicts, relinks and imports models by path", async () => {
    const r = recorder({
      'dialog.openDataFolder': '/d/reviews',
      'dialog.openDataFile': '/d/new.csv',
      'dialog.chooseFolder': '/m/pump',
    });
    await r.files.pickDataFolder({ importId: 'imp-1' });
    await r.files.predictFile('run-1');
    await r.files.predictFolder('run-2');
    await r.files.relinkData();
    await r.files.importModel();
    expect(r.calls.filter(([name]) => !name.startsWith('dialog.'))).toEqual([
      ['data.inspect', { path: '/d/reviews', importId: 'imp-1' }],
      ['predict.file', { runId: 'run-1', path: '/d/new.csv' }],
      ['predict.file', { runId: 'run-2', path: '/d/reviews' }],
      ['project.relink', { path: '/d/new.csv' }],
      ['model.import', { dir: '/m/pump' }],
    ]);
    expect(r.files.uploadLimit).toBeNull();
  });
});
