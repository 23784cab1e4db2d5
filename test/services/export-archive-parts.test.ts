/**
 * A download of an export that writes two files (a sequence-to-sequence model's encoder and
 * decoder step, as ONNX or Keras) holds both in one zip, instead of only the first under the
 * single-file name.
 */
import { writeFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportHandlers, type ExportContext } from '../../src-main/services/export-handlers';
import type { RunResult } from '../../src-main/shared/types';

function context(): ExportContext {
  return {
    run: async () => ({ name: 'Dates', status: 'completed', modelDir: '/models/dates' }) as RunResult,
    store: {} as ExportContext['store'],
    backend: async () => 'cpu',
    onImported: () => undefined,
    // Writes what a sequence-to-sequence export writes beside the target the handler chose.
    runJob: (async (job: { args: { target: string } }) => {
      const base = job.args.target.replace(/\.onnx$/, '');
      const files = [`${base}.encoder.onnx`, `${base}.decoder_step.onnx`];
      await writeFile(files[0], 'encoder graph');
      await writeFile(files[1], 'decoder step graph');
      return { files };
    }) as unknown as ExportContext['runJob'],
  };
}

describe('export downloads of two-part models', () => {
  it('zips the encoder and the decoder step together under one name', async () => {
    const handle = exportHandlers(context())['model.exportArchive'] as (a: {
      runId: string;
      format: 'onnx';
    }) => Promise<{ fileName: string; contentBase64: string }>;
    const archive = await handle({ runId: 'r1', format: 'onnx' });
    expect(archive.fileName).toBe('Dates-onnx.zip');
    const zip = unzipSync(new Uint8Array(Buffer.from(archive.contentBase64, 'base64')));
    expect(Object.keys(zip).sort()).toEqual(['Dates.decoder_step.onnx', 'Dates.encoder.onnx']);
    expect(new TextDecoder().decode(zip['Dates.encoder.onnx'])).toBe('encoder graph');
  });
});
