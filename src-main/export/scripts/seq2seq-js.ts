/**
 * predict.cjs of a sequence-to-sequence bundle: writes an output for each source text with the
 * TensorFlow.js model, running its layers exactly as the app decodes (the encoder once, then the
 * decoder cell one token at a time; greedy, beam search or seeded sampling), with the app's
 * warnings about unknown and cut source tokens.
 */
import { SEQ2SEQ_RULES } from './preprocessing-check';
import { SEQ2SEQ_USAGE, SEQ2SEQ_USAGE_TEXT } from './seq2seq-usage';
import { textCommonJs } from './text-common';
import { SAMPLING_JS } from './token-sampling-script';

const usageComment = (command: string) =>
  SEQ2SEQ_USAGE_TEXT(command)
    .split('\n')
    .map((l) => `// ${l}`)
    .join('\n');

export const SEQ2SEQ_JS = String.raw`// Write outputs for source texts with the exported model exactly as Recurrent Studio does.
${usageComment('node predict.cjs')}
// Needs: npm install @tensorflow/tfjs-node
${textCommonJs(SEQ2SEQ_RULES)}
${SAMPLING_JS}

const TARGET = pre.seq2seq.targetVocabulary;
const SETTINGS = pre.spec.seq2seq;
const [PAD, UNKNOWN, START, END] = [0, 1, 2, 3];
// Sources are decoded in batches of this many, as the app does (the random draws follow the same order).
const BATCH = 256;

/** The trained layers by name, run as the app's encoder and one-step decoder. */
async function loadModels() {
  const tf = require('@tensorflow/tfjs-node');
  const model = await tf.loadLayersModel('file://' + path.join(__dirname, 'model', 'tfjs', 'model.json'));
  const spec = pre.spec;
  const layer = (name) => model.getLayer(name);
  const has = (name) => model.layers.some((l) => l.name === name);
  const shared = spec.seq2seq.sharedVocabulary;
  const targetEmbedding = layer(shared ? 'embedding' : 'target_embedding');
  const cell = layer('decoder').cell;
  const attention = has('attention_weights');
  const last = spec.model.layers[spec.model.layers.length - 1];
  return {
    attention,
    encode(rows) {
      return tf.tidy(() => {
        let x = layer(shared ? 'embedding' : 'source_embedding').apply(tf.tensor2d(rows));
        spec.model.layers.forEach((_, i) => {
          x = layer('encoder_' + (i + 1)).apply(x);
        });
        const [, S, H] = x.shape;
        const stepOf = (s, from, width) => tf.reshape(tf.slice(x, [0, s, from], [-1, 1, width]), [-1, width]);
        // The final state: the last step, or the forward half's last step and the backward half's first.
        const final = last.bidirectional
          ? tf.concat([stepOf(S - 1, 0, H / 2), stepOf(0, H / 2, H / 2)], -1)
          : stepOf(S - 1, 0, H);
        const states = spec.model.cell === 'LSTM' ? [final, layer('decoder_start_c').apply(final)] : [final];
        return { memory: x, states };
      });
    },
    /** Probabilities [B, V] as rows, and the next states (tensors the caller disposes). */
    step(tokens, states, memory) {
      const out = tf.tidy(() => {
        const embedded = targetEmbedding.apply(tf.tensor1d(tokens));
        const result = cell.call([embedded, ...states], {});
        const [output, ...next] = Array.isArray(result) ? result : [result];
        let features = tf.expandDims(output, 1);
        if (attention) {
          const keys = has('attention_keys') ? layer('attention_keys').apply(memory) : memory;
          const weights = layer('attention_weights').apply(layer('attention_scores').apply([features, keys]));
          const context = layer('attention_context').apply([weights, memory]);
          features = layer('attention_combine').apply(layer('attention_join').apply([context, features]));
        }
        return { probabilities: layer('output').apply(features), next };
      });
      const flat = out.probabilities.dataSync();
      const vocab = out.probabilities.shape[out.probabilities.shape.length - 1];
      out.probabilities.dispose();
      const rows = tokens.map((_, i) => flat.subarray(i * vocab, (i + 1) * vocab));
      return { rows, states: out.next };
    },
    tile: (memory, n) => tf.tile(memory, [n, 1, 1]),
    gather: (states, keep) => states.map((s) => tf.tidy(() => tf.gather(s, tf.tensor1d(keep, 'int32')))),
    dispose: (tensors) => tf.dispose(tensors),
    close: () => model.dispose(),
  };
}

/** Probabilities with the tokens an output never holds (padding, unknown, start) set to 0. */
function writable(p) {
  const q = Float32Array.from(p);
  q[PAD] = 0;
  q[UNKNOWN] = 0;
  q[START] = 0;
  return q;
}

function stepwise(models, rows, method, maxLength, temperature, random) {
  const { memory, states: start } = models.encode(rows);
  let states = start;
  const out = rows.map(() => []);
  const done = rows.map(() => false);
  let tokens = rows.map(() => START);
  try {
    for (let n = 0; n < maxLength && done.some((d) => !d); n++) {
      const r = models.step(tokens, states, memory);
      models.dispose(states);
      states = r.states;
      tokens = tokens.map((_, i) => {
        if (done[i]) return END;
        const q = writable(r.rows[i]);
        const next = method === 'sample' ? sampleToken(q, temperature, random) : greedyToken(q);
        if (next === END) done[i] = true;
        else out[i].push(next);
        return next;
      });
    }
  } finally {
    models.dispose([...states, memory]);
  }
  return out;
}

/** Keeps the width likeliest partial outputs; a finished one scores log-probability / (length + 1). */
function beamSearch(models, row, width, maxLength) {
  const { memory: one, states: start } = models.encode([row]);
  let beams = [{ ids: [], logp: 0 }];
  let states = start;
  const finished = [];
  try {
    for (let n = 0; n < maxLength && beams.length > 0; n++) {
      const memory = models.tile(one, beams.length);
      const r = models.step(
        beams.map((b) => (b.ids.length ? b.ids[b.ids.length - 1] : START)),
        states,
        memory,
      );
      models.dispose(memory);
      const candidates = [];
      beams.forEach((b, i) => {
        const q = writable(r.rows[i]);
        const total = q.reduce((a, v) => a + v, 0);
        for (let t = 0; t < q.length; t++) {
          if (q[t] > 0) candidates.push({ from: i, token: t, logp: b.logp + Math.log(q[t] / total) });
        }
      });
      candidates.sort((a, b) => b.logp - a.logp);
      const next = [];
      const keep = [];
      for (const c of candidates) {
        if (next.length >= width) break;
        if (c.token === END) {
          finished.push({ ids: beams[c.from].ids, logp: c.logp });
          continue;
        }
        next.push({ ids: [...beams[c.from].ids, c.token], logp: c.logp });
        keep.push(c.from);
      }
      const gathered = keep.length ? models.gather(r.states, keep) : [];
      models.dispose([...r.states, ...states]);
      states = gathered;
      beams = next;
      if (finished.length >= width) break;
    }
  } finally {
    models.dispose([...states, one]);
  }
  const score = (b) => b.logp / (b.ids.length + 1);
  const pool = finished.length ? finished : beams;
  return pool.reduce((a, b) => (score(b) > score(a) ? b : a), pool[0] || { ids: [], logp: 0 }).ids;
}

/** The app's sentence about unknown and cut source tokens, or null. */
function warning(source) {
  const unit = text.tokens === 'char' ? 'character' : 'word';
  const tokens = tokenize(source);
  const kept = Math.min(tokens.length, text.maxLength);
  const unknown = [];
  for (const tok of tokens.slice(tokens.length - kept)) if (!INDEX.has(tok) && !unknown.includes(tok)) unknown.push(tok);
  const parts = [];
  if (unknown.length) {
    const one = unknown.length === 1;
    parts.push('The model never saw the ' + unit + (one ? '' : 's') + ' ' + unknown.map((u) => "'" + u + "'").join(', ') + ' in training; ' + (one ? 'it was' : 'they were') + ' read as unknown.');
  }
  const cut = tokens.length - kept;
  if (cut > 0) parts.push('The source is ' + cut + ' ' + unit + (cut === 1 ? '' : 's') + ' longer than the model reads; its start was left out.');
  return parts.length ? parts.join(' ') : null;
}

/** The output written for each source, with the settings the model was trained with unless given. */
async function translate(sources, options = {}) {
  sources.forEach((s, i) => {
    if (s.trim() === '') stop('Source ' + (i + 1) + ' is empty: type the text the model should rewrite.');
  });
  const method = options.decoding || SETTINGS.decoding;
  const width = options.beamWidth || SETTINGS.beamWidth;
  const temperature = options.temperature || SETTINGS.temperature;
  const limit = options.maxLength || SETTINGS.maxOutputLength || pre.seq2seq.targetMaxLength;
  const random = seededRandom(options.randomSeed ?? pre.spec.training.seed);
  const models = await loadModels();
  try {
    const rows = sources.map((s) => fitLength(encode(s)));
    let written = [];
    if (method === 'beam' && width > 1) written = rows.map((r) => beamSearch(models, r, width, limit));
    else {
      for (let from = 0; from < rows.length; from += BATCH) {
        written.push(...stepwise(models, rows.slice(from, from + BATCH), method, limit, temperature, random));
      }
    }
    return sources.map((source, i) => ({
      source,
      output: detokenize(written[i].map((id) => TARGET[id])),
      warning: warning(source),
    }));
  } finally {
    models.close();
  }
}

const FLAGS = new Map(${JSON.stringify(SEQ2SEQ_USAGE.map(([flag, kind]) => [flag, kind]))});

function flagValue(name, kind, value) {
  const wrong = () => stop(name + ' must be ' + kind + ' (it is ' + value + ').');
  if (kind === 'path') return value;
  if (kind.startsWith('one of ')) return kind.slice(7).split(', ').includes(value) ? value : wrong();
  const number = Number(value);
  if (value === '' || !Number.isFinite(number)) return wrong();
  if (kind === 'a number greater than 0') return number > 0 ? number : wrong();
  const min = kind.endsWith('at least 0') ? 0 : 1;
  return Number.isInteger(number) && number >= min ? number : wrong();
}

/** Sources and decoding choices from the command line; a wrong value stops with one sentence. */
function parseArguments(args) {
  const sources = [];
  const options = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') options.json = true;
    else if (FLAGS.has(a)) {
      if (i + 1 >= args.length) stop(a + ' needs a value.');
      options[a] = flagValue(a, FLAGS.get(a), args[++i]);
    } else if (a.startsWith('--')) stop('Unknown option ' + a + ': use ' + [...FLAGS.keys(), '--json'].join(', ') + '.');
    else sources.push(a);
  }
  if (options['--file']) {
    const lines = fs.readFileSync(options['--file'], 'utf8').split(/\r?\n/);
    sources.push(...lines.filter((l) => l.trim() !== ''));
  }
  if (sources.length === 0) stop('Give at least one source text, or --file with one source per line.');
  return { sources, options };
}

if (require.main === module) {
  const { sources, options } = parseArguments(process.argv.slice(2));
  translate(sources, {
    decoding: options['--decoding'],
    beamWidth: options['--beam-width'],
    temperature: options['--temperature'],
    maxLength: options['--max-length'],
    randomSeed: options['--random-seed'],
  }).then(
    (results) => {
      if (options.json) console.log(JSON.stringify(results));
      else {
        for (const r of results) {
          if (r.warning) console.error("Source '" + r.source + "': " + r.warning);
          console.log(r.output);
        }
      }
    },
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}

module.exports = { translate, tokenize, encode };
`;
