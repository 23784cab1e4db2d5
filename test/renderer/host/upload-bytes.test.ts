// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-main/shared/contract';
import { MAX_UPLOAD_BYTES } from '../../../src-main/shared/upload-limit';
import { checkUploadSize, uploadBase64 } from '../../../src-renderer/host/upload-bytes';

describe('the upload size check', () => {
  it('refuses a file over the limit before reading it, with the limit and the remedy', () => {
    let thrown: unknown;
    try {
      checkUploadSize({ name: 'sensor-log.csv', size: 190 * 1024 * 1024 });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(StudioError);
    expect((thrown as StudioError).message).toBe(
      '"sensor-log.csv" is 190 MB; uploads are limited to 100 MB. Open large files with the desktop app or the recurrent command line, which read them from disk.',
    );
  });

  it('lets a file of exactly the limit through', () => {
    expect(() => checkUploadSize({ name: 'a.csv', size: MAX_UPLOAD_BYTES })).not.toThrow();
  });

  it('encodes an accepted file as base64 without a data-URL prefix', async () => {
    const file = new File(['date,value\n2020-01-01,1\n'], 'a.csv');
    expect(atob(await uploadBase64(file))).toBe('date,value\n2020-01-01,1\n');
  });
});
