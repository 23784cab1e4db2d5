/**
 * Exporting a trained model in a chosen format. Where the host has file dialogs the user picks
 * the destination and main writes there ('model.export'); elsewhere the export arrives as bytes
 * ('model.exportArchive') and downloads.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RequestArgs } from '../../src-main/shared/contract';
import { useAsyncAction } from '../composables/use-async-action';
import { useStudioApi } from '../composables/use-studio-api';
import { downloadBase64 } from '../utils/download';
import { tryDialog } from '../utils/host-dialog';

export type ExportFormat = RequestArgs<'model.export'>['format'];

/** The formats offered, with where each one runs, in the words users see. */
export const EXPORT_FORMATS: { value: ExportFormat; label: string; runsIn: string; folder: boolean; ext: string }[] = [
  {
    value: 'tfjs',
    label: 'TensorFlow.js',
    runsIn: 'Runs in web pages and Node.js with @tensorflow/tfjs; a folder with model.json and weights.',
    folder: true,
    ext: '',
  },
  {
    value: 'keras',
    label: 'Keras (.keras)',
    runsIn: 'Loads in Python with keras.models.load_model, for TensorFlow / Keras 3 projects.',
    folder: false,
    ext: 'keras',
  },
  {
    value: 'onnx',
    label: 'ONNX',
    runsIn: 'Runs in ONNX Runtime from Python, C#, C++, Java or the browser.',
    folder: false,
    ext: 'onnx',
  },
  {
    value: 'bundle',
    label: 'Bundle (.zip)',
    runsIn: 'Everything in one zip: the model, its preprocessing and a README for reuse in this studio.',
    folder: false,
    ext: 'zip',
  },
  {
    value: 'keras-project',
    label: 'Keras training project',
    runsIn:
      'A Python project that retrains this run in Keras 3 on a bigger machine, several machines or Ray (forecasts of one or many series, text classification).',
    folder: true,
    ext: '',
  },
];

export const useExportStore = defineStore('export', () => {
  const format = ref<ExportFormat>('tfjs');
  const busy = ref(false);
  const error = ref<string | null>(null);
  /** What the last export produced: where it went, or the downloaded file's name. */
  const done = ref<{ runId: string; where: string; files: string[]; downloaded: boolean } | null>(null);
  const act = useAsyncAction(error);

  async function exportRun(runId: string, runName: string): Promise<boolean> {
    const choice = EXPORT_FORMATS.find((f) => f.value === format.value) ?? EXPORT_FORMATS[0]!;
    const api = useStudioApi();
    error.value = null;
    return act(
      busy,
      async () => {
        const base = runName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
        const outcome = await tryDialog(() =>
          choice.folder
            ? api.request('dialog.chooseFolder', { title: `Export ${choice.label} model to…` })
            : api.request('dialog.saveFile', {
                title: `Export ${choice.label} model`,
                defaultName: `${base}.${choice.ext}`,
                extensions: [choice.ext],
              }),
        );
        if (outcome.kind === 'cancelled') return false;
        if (outcome.kind === 'chosen') {
          const { files } = await api.request('model.export', { runId, format: choice.value, target: outcome.path });
          done.value = { runId, where: outcome.path, files, downloaded: false };
          return true;
        }
        const archive = await api.request('model.exportArchive', { runId, format: choice.value });
        const type = archive.fileName.toLowerCase().endsWith('.zip') ? 'application/zip' : 'application/octet-stream';
        downloadBase64(archive.fileName, archive.contentBase64, type);
        done.value = { runId, where: archive.fileName, files: [archive.fileName], downloaded: true };
        return true;
      },
      false,
    );
  }

  return { format, busy, error, done, exportRun };
});
