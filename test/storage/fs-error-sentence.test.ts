import { describe, expect, it } from 'vitest';
import { fsErrorSentence, userPathOf } from '../../src-main/storage/fs-error-sentence';

function fsError(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, write '${path}'`), { code, path });
}

describe('file system errors as sentences', () => {
  it('names the file the user chose, not our temporary name beside it', () => {
    expect(userPathOf('/out/.model.onnx.2ea0e49b669d.partial')).toBe('/out/model.onnx');
    expect(userPathOf('/out/model.onnx.2ea0e49b669d.partial')).toBe('/out/model.onnx');
    expect(userPathOf('/out/.run.json.1a2b3c4d.tmp')).toBe('/out/run.json');
    expect(userPathOf('/out/model.onnx')).toBe('/out/model.onnx');
  });

  it.each([
    [
      'EROFS',
      /^Could not export the model to \/mnt\/ro\/model\.onnx: \/mnt\/ro is on a read-only drive, so nothing was written\. Choose another folder\.$/,
    ],
    ['ENOSPC', /the disk is full, so nothing was written\. Free some space or choose another drive/],
    ['ENOENT', /the folder \/mnt\/ro does not exist and could not be made/],
    ['EACCES', /permission denied for \/mnt\/ro\/model\.onnx/],
  ])('%s says what happened and what to do', (code, sentence) => {
    expect(fsErrorSentence(fsError(code, '/mnt/ro/.model.onnx.2ea0e49b669d.partial'), 'export the model')).toMatch(
      sentence,
    );
  });

  it('leaves other errors alone', () => {
    expect(fsErrorSentence(new Error('boom'), 'export the model')).toBeNull();
    expect(fsErrorSentence(null, 'export the model')).toBeNull();
  });
});
