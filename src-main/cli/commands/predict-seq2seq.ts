/**
 * `recurrent predict` for sequence-to-sequence runs: outputs for sources given with --text (one
 * or more) or for every source of --data FILE, with the run's decoding unless --decoding,
 * --beam-width, --temperature or --max-length say otherwise.
 */
import type { DecodeChoice } from '../../model-use/seq2seq-inference';
import { predictPairsFile, translateTexts } from '../../model-use/seq2seq-inference';
import { DECODINGS, type Decoding } from '../../shared/seq2seq-spec';
import type { Tf } from '../../tensorflow/load-tf';
import { EXIT, type CliIo } from '../io';
import { usage, wholeNumber } from './args';

export interface Seq2seqPredictArgs {
  text?: string[];
  data?: string;
  out?: string;
  decoding?: string;
  'beam-width'?: string;
  temperature?: string;
  'max-length'?: string;
  json: boolean;
}

/** Reads the decoding flags; a string is the usage message for a bad one. */
function decodeChoice(v: Seq2seqPredictArgs): DecodeChoice | string {
  const choice: DecodeChoice = {};
  if (v.decoding !== undefined) {
    if (!(DECODINGS as readonly string[]).includes(v.decoding)) {
      return `--decoding must be one of ${DECODINGS.join(', ')}, not "${v.decoding}".`;
    }
    choice.method = v.decoding as Decoding;
  }
  const width = wholeNumber('--beam-width', v['beam-width']);
  if (typeof width === 'string') return width;
  if (width !== undefined) choice.beamWidth = width;
  const length = wholeNumber('--max-length', v['max-length']);
  if (typeof length === 'string') return length;
  if (length !== undefined) choice.maxLength = length;
  if (v.temperature !== undefined) {
    const t = Number(v.temperature);
    if (!(t > 0 && t <= 10)) return `--temperature must be a number above 0 and at most 10, not "${v.temperature}".`;
    choice.temperature = t;
  }
  return choice;
}

export async function predictSeq2seq(tf: Tf, runDir: string, v: Seq2seqPredictArgs, io: CliIo): Promise<number> {
  const choice = decodeChoice(v);
  if (typeof choice === 'string') return usage(io, choice);
  if (v.text?.length) {
    const outputs = await translateTexts(tf, runDir, v.text, choice);
    if (v.json) io.out(JSON.stringify(outputs.map((o, i) => ({ source: v.text?.[i], ...o }))));
    else {
      io.out(outputs.map((o, i) => `${v.text?.[i]} → ${o.produced}${o.warning ? `\n  ${o.warning}` : ''}`).join('\n'));
    }
    return EXIT.ok;
  }
  if (!v.data)
    return usage(io, 'A sequence-to-sequence model needs --data FILE (a column of sources) or one or more --text "…".');
  const result = await predictPairsFile(tf, runDir, v.data, v.out);
  if (v.json) io.out(JSON.stringify(result));
  else {
    const lines = [`${result.rows} outputs written to ${result.file}.`, ...result.problems];
    lines.push(result.header.join('\t'), ...result.preview.slice(0, 5).map((r) => r.join('\t')));
    io.out(lines.join('\n'));
  }
  return EXIT.ok;
}
