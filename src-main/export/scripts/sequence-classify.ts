/**
 * predict.cjs / predict.py of a sequence-classification bundle: class probabilities of every
 * sequence of a CSV shaped like the training file, prepared as the app prepares them
 * (src-main/model-use/predict-sequences-file.ts, src-main/data/prepare/sequence-window.ts): one
 * sequence per id (rows in time order) or per row (the step columns), each feature scaled with
 * its stored scaler, a missing value entering as 0 (the training mean), the latest `lookback`
 * steps kept and shorter sequences padded with zeros in front.
 */
import { READ_CSV_PY } from './forecast-steps-py';
import { preprocessingCheckJs, preprocessingCheckPy, SEQUENCE_RULES } from './preprocessing-check';
import { READ_CSV_JS } from './read-csv-js';

const USAGE = `sequences.csv is shaped like the training file: one row per step with the id column (rows in
// time order, or sorted by the time column when its values are numbers or ISO dates), or one
// sequence per row over the step columns. Prints CSV: the sequence, the likeliest class and one
// probability per class, as the app's "Predict a file" writes it.`;

export const SEQUENCES_JS = String.raw`// Classify sequences with the exported model exactly as Recurrent Studio does.
// Usage: node predict.cjs sequences.csv     (needs: npm install @tensorflow/tfjs-node)
// ${USAGE}
const fs = require('node:fs');
const path = require('node:path');

${preprocessingCheckJs(SEQUENCE_RULES)}
const pre = readPreprocessing();

${READ_CSV_JS}
const numberOf = (text) => (String(text).trim() === '' ? NaN : Number(String(text).trim()));

/** The column name of the CSV, or a message naming what the model reads. */
function column(cells, name, why) {
  if (!cells[name]) throw new Error('sequences.csv has no column "' + name + '" (' + why + '). Its columns: ' + Object.keys(cells).map((c) => '"' + c + '"').join(', ') + '.');
  return cells[name];
}

/** Sort keys of the time column: numbers, else ISO dates; null when some value is neither. */
function timeKeys(values) {
  const numbers = values.map(numberOf);
  if (numbers.every(Number.isFinite)) return numbers;
  const dates = values.map((v) => Date.parse(String(v).trim()));
  return dates.every(Number.isFinite) ? dates : null;
}

/** Each sequence of the CSV: its name and its steps, each the raw values of the model's inputs. */
function sequencesOf(cells) {
  const idColumn = pre.spec && pre.spec.data ? pre.spec.data.idColumn : null;
  if (!idColumn) {
    const steps = pre.inputs[0].source.split(',').map((name) => column(cells, name, 'a step of each sequence'));
    return steps[0].map((_, r) => ({ name: String(r + 1), steps: steps.map((c) => [numberOf(c[r])]) }));
  }
  const ids = column(cells, idColumn, 'which sequence each row belongs to');
  const features = pre.inputs.map((input) => column(cells, input.source, 'an input of the model'));
  const time = pre.timeColumn && cells[pre.timeColumn] ? timeKeys(cells[pre.timeColumn]) : null;
  const rowsById = new Map();
  ids.forEach((id, r) => {
    const key = String(id).trim();
    if (key === '') return;
    if (!rowsById.has(key)) rowsById.set(key, []);
    rowsById.get(key).push(r);
  });
  return [...rowsById].map(([name, rows]) => {
    if (time) rows.sort((a, b) => time[a] - time[b]);
    return { name, steps: rows.map((r) => features.map((c) => numberOf(c[r]))) };
  });
}

/** The model input of one sequence: [lookback][inputs], scaled, latest steps kept, padded in front. */
function fitLength(steps) {
  const T = pre.lookback;
  const kept = steps.slice(Math.max(0, steps.length - T));
  const pad = Array.from({ length: T - kept.length }, () => pre.inputs.map(() => 0));
  return pad.concat(
    kept.map((values) =>
      values.map((v, f) => {
        const s = pre.inputs[f].scaler;
        return Number.isFinite(v) ? (v - s.center) / s.scale : 0;
      }),
    ),
  );
}

/** Class probabilities of each sequence, in the order of pre.classes. */
async function classify(sequences) {
  const tf = require('@tensorflow/tfjs-node');
  const model = await tf.loadLayersModel('file://' + path.join(__dirname, 'model', 'tfjs', 'model.json'));
  const input = tf.tensor3d(sequences.map((q) => fitLength(q.steps)));
  const output = model.predict(input);
  const rows = output.arraySync();
  tf.dispose([input, output]);
  model.dispose();
  // One sigmoid unit is the probability of the second class.
  return rows.map((out) => (out.length === 1 ? [1 - out[0], out[0]] : out));
}

/** One CSV cell: quoted when it holds a comma, a quote or a line break. */
const cell = (v) => (/[",\r\n]/.test(String(v)) ? '"' + String(v).replace(/"/g, '""') + '"' : String(v));

if (require.main === module) {
  Promise.resolve()
    .then(async () => {
      const sequences = sequencesOf(readCsv(fs.readFileSync(process.argv[2], 'utf8')));
      if (sequences.length === 0) throw new Error('sequences.csv holds no sequence to classify.');
      const probabilities = await classify(sequences);
      const idColumn = pre.spec && pre.spec.data ? pre.spec.data.idColumn : null;
      console.log([idColumn || 'row', 'predicted', ...pre.classes.map((c) => 'probability_' + c)].map(cell).join(','));
      sequences.forEach((q, i) => {
        const p = probabilities[i];
        const best = p.indexOf(Math.max(...p));
        console.log([q.name, pre.classes[best], ...p.map((x) => Number(x.toFixed(4)))].map(cell).join(','));
      });
    })
    .catch((err) => {
      console.error(err.message);
      process.exit(1);
    });
}

module.exports = { classify, fitLength, readCsv, sequencesOf };
`;

export const SEQUENCES_PY = String.raw`"""Classify sequences with the exported model exactly as Recurrent Studio does.

Usage: python predict.py sequences.csv     (needs: pip install onnxruntime numpy)
${USAGE.replace(/\n\/\/ /g, '\n')}
"""
import csv
import json
import math
import os
import sys
from datetime import datetime

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

${preprocessingCheckPy(SEQUENCE_RULES)}
pre = _read_preprocessing()

${READ_CSV_PY}

def number_of(text):
    text = str(text).strip()
    try:
        return float(text) if text else math.nan
    except ValueError:
        return math.nan


def column(cells, name, why):
    if name not in cells:
        shown = ", ".join('"%s"' % c for c in cells)
        raise SystemExit('sequences.csv has no column "%s" (%s). Its columns: %s.' % (name, why, shown))
    return cells[name]


def time_keys(values):
    """Sort keys of the time column: numbers, else ISO dates; None when some value is neither."""
    numbers = [number_of(v) for v in values]
    if all(math.isfinite(v) for v in numbers):
        return numbers
    try:
        return [datetime.fromisoformat(str(v).strip().replace("Z", "+00:00")).timestamp() for v in values]
    except ValueError:
        return None


def sequences_of(cells):
    """Each sequence of the CSV: (name, steps), each step the raw values of the model's inputs."""
    id_column = ((pre.get("spec") or {}).get("data") or {}).get("idColumn")
    if not id_column:
        steps = [column(cells, name, "a step of each sequence") for name in pre["inputs"][0]["source"].split(",")]
        return [(str(r + 1), [[number_of(c[r])] for c in steps]) for r in range(len(steps[0]))]
    ids = column(cells, id_column, "which sequence each row belongs to")
    features = [column(cells, inp["source"], "an input of the model") for inp in pre["inputs"]]
    time_column = pre.get("timeColumn")
    time = time_keys(cells[time_column]) if time_column and time_column in cells else None
    rows_by_id = {}
    for r, key in enumerate(ids):
        key = str(key).strip()
        if key:
            rows_by_id.setdefault(key, []).append(r)
    out = []
    for name, rows in rows_by_id.items():
        if time is not None:
            rows = sorted(rows, key=lambda r: time[r])
        out.append((name, [[number_of(c[r]) for c in features] for r in rows]))
    return out


def fit_length(steps):
    """The model input of one sequence: [lookback, inputs], scaled, latest steps kept, padded in front."""
    lookback, width = pre["lookback"], len(pre["inputs"])
    kept = steps[max(0, len(steps) - lookback):]
    x = np.zeros((lookback, width), np.float32)
    for j, values in enumerate(kept):
        for f, v in enumerate(values):
            s = pre["inputs"][f]["scaler"]
            x[lookback - len(kept) + j, f] = (v - s["center"]) / s["scale"] if math.isfinite(v) else 0.0
    return x


def classify(sequences):
    """Class probabilities of each sequence, in the order of pre["classes"]."""
    import onnxruntime as ort

    session = ort.InferenceSession(os.path.join(HERE, "model", "model.onnx"))
    out = session.run(["output"], {"input": np.stack([fit_length(steps) for _, steps in sequences])})[0]
    # One sigmoid unit is the probability of the second class.
    return [[1 - float(o[0]), float(o[0])] if o.size == 1 else [float(p) for p in o] for o in out]


if __name__ == "__main__":
    sequences = sequences_of(read_csv(sys.argv[1]))
    if not sequences:
        raise SystemExit("sequences.csv holds no sequence to classify.")
    id_column = ((pre.get("spec") or {}).get("data") or {}).get("idColumn")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([id_column or "row", "predicted"] + ["probability_" + c for c in pre["classes"]])
    for (name, _), p in zip(sequences, classify(sequences)):
        writer.writerow([name, pre["classes"][p.index(max(p))]] + [round(x, 4) for x in p])
`;
