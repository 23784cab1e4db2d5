/**
 * The try-it box of a sequence-to-sequence run: sends a typed source, keeps the answer (tied to
 * the run it came from), the busy flag and the error in words.
 */
import { ref } from 'vue';
import type { Seq2seqOutput } from '../../src-main/shared/types-seq2seq';
import { useAsyncAction } from './use-async-action';
import { useStudioApi } from './use-studio-api';

export function useSeq2seqTry() {
  const output = ref<(Seq2seqOutput & { runId: string; source: string }) | null>(null);
  const busy = ref(false);
  const error = ref<string | null>(null);
  const act = useAsyncAction(error);

  async function translate(runId: string, text: string): Promise<void> {
    const answer = await act(busy, () => useStudioApi().request('seq2seq.translate', { runId, text }), null);
    output.value = answer ? { ...answer, runId, source: text } : null;
  }

  return { output, busy, error, translate };
}
