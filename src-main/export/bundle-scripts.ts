/**
 * The prediction scripts shipped in an export bundle. They repeat the app's steps from raw
 * values: derive each input column, scale it with the stored scaler, take the last `lookback`
 * steps as the window, run the model, un-scale its output and add the target transform's
 * baseline (last value, or the value one season back). All numbers come from preprocessing.json.
 */

/** predict.py: onnxruntime + numpy, reads a CSV of history and prints the forecast. */
export const PREDICT_PY = `"""Forecast with the exported model exactly as Recurrent Studio does.

Usage: python predict.py history.csv
history.csv holds the input columns (same names as in the app) up to the forecast origin,
oldest row first, without gaps (fill them the way the app did).
Needs: pip install onnxruntime numpy
"""
import csv
import json
import os
import sys

import numpy as np
import onnxruntime as ort

HERE = os.path.dirname(os.path.abspath(__file__))
pre = json.load(open(os.path.join(HERE, "preprocessing.json"), encoding="utf-8"))
session = ort.InferenceSession(os.path.join(HERE, "model", "model.onnx"))


def derive(values, kind, period):
    """The input column as the app computes it; leading undefined steps are 0."""
    if kind == "level":
        return values
    lag = 1 if kind == "difference" else period
    out = np.zeros_like(values)
    out[lag:] = values[lag:] - values[:-lag]
    return out


def scale(values, s):
    return values if s["kind"] == "none" else (values - s["center"]) / s["scale"]


def unscale(values, s):
    return values if s["kind"] == "none" else values * s["scale"] + s["center"]


def baseline(history, k):
    """What the network's output for step k (0-based) is added to."""
    t = pre["target"]
    if t["transform"] == "level":
        return 0.0
    if t["transform"] == "difference":
        return history[-1]
    p = t["period"]
    return history[len(history) + k - (k // p + 1) * p]


def forecast(columns):
    """columns: dict column name -> 1-D array of raw values up to the origin."""
    period = (pre["target"] or {}).get("period") or 1
    features = []
    for inp in pre["inputs"]:
        if inp["derived"] == "calendar":
            raise SystemExit("Calendar inputs are computed from the time column; see README.md.")
        x = derive(np.asarray(columns[inp["source"]], dtype=np.float64), inp["derived"], period)
        features.append(scale(x, inp["scaler"])[-pre["lookback"]:])
    window = np.stack(features, axis=-1)[None].astype(np.float32)
    out = session.run(["output"], {"input": window})[0].reshape(-1)[: pre["horizon"]]
    target = pre["target"]
    history = np.asarray(columns[target["name"]], dtype=np.float64)
    return [float(unscale(v, target["scaler"]) + baseline(history, k)) for k, v in enumerate(out)]


if __name__ == "__main__":
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    needed = {i["source"] for i in pre["inputs"]} | {pre["target"]["name"]}
    columns = {name: [float(r[name]) for r in rows] for name in needed}
    print(json.dumps(forecast(columns)))
`;

/** predict.cjs: the same with TensorFlow.js for Node (CommonJS, so it runs inside any project). */
export const PREDICT_JS = `// Forecast with the exported model exactly as Recurrent Studio does.
// Usage: node predict.cjs history.csv   (needs: npm install @tensorflow/tfjs-node)
// history.csv holds the input columns up to the forecast origin, oldest row first, no gaps.
const fs = require('node:fs');
const path = require('node:path');
const tf = require('@tensorflow/tfjs-node');

const pre = JSON.parse(fs.readFileSync(path.join(__dirname, 'preprocessing.json'), 'utf8'));

function derive(values, kind, period) {
  if (kind === 'level') return values;
  const lag = kind === 'difference' ? 1 : period;
  return values.map((v, i) => (i < lag ? 0 : v - values[i - lag]));
}
const scale = (v, s) => (s.kind === 'none' ? v : (v - s.center) / s.scale);
const unscale = (v, s) => (s.kind === 'none' ? v : v * s.scale + s.center);

function baseline(history, k) {
  const t = pre.target;
  if (t.transform === 'level') return 0;
  if (t.transform === 'difference') return history[history.length - 1];
  const p = t.period;
  return history[history.length + k - (Math.floor(k / p) + 1) * p];
}

async function forecast(columns) {
  const period = (pre.target && pre.target.period) || 1;
  const features = pre.inputs.map((inp) => {
    if (inp.derived === 'calendar') throw new Error('Calendar inputs are computed from the time column; see README.md.');
    return derive(columns[inp.source], inp.derived, period).map((v) => scale(v, inp.scaler)).slice(-pre.lookback);
  });
  const window = Array.from({ length: pre.lookback }, (_, t) => features.map((f) => f[t]));
  const model = await tf.loadLayersModel('file://' + path.join(__dirname, 'model', 'tfjs', 'model.json'));
  const out = Array.from(model.predict(tf.tensor3d([window])).dataSync()).slice(0, pre.horizon);
  const history = columns[pre.target.name];
  return out.map((v, k) => unscale(v, pre.target.scaler) + baseline(history, k));
}

if (require.main === module) {
  const [header, ...lines] = fs.readFileSync(process.argv[2], 'utf8').trim().split(/\\r?\\n/);
  const names = header.split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const columns = {};
  names.forEach((name, c) => (columns[name] = lines.map((l) => Number(l.split(',')[c]))));
  forecast(columns).then((f) => console.log(JSON.stringify(f)));
}

module.exports = { forecast };
`;
