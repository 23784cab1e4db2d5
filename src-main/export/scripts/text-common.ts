/**
 * Text encoding shared by the text bundle scripts, in JavaScript and Python: the tokenization,
 * vocabulary lookup and length fitting of src-main/data/prepare/text.ts, and the app's token
 * sampling (src-main/engine/model/token-sampling.ts) with its seeded generator (mulberry32), so a
 * script given the same random seed draws the same tokens as the app.
 */

import { preprocessingCheckJs, preprocessingCheckPy, TEXT_RULES, type FieldRule } from './preprocessing-check';

/** The JavaScript common part, checking preprocessing.json with `rules`. */
export const textCommonJs = (rules: FieldRule[]): string => String.raw`const fs = require('node:fs');
const path = require('node:path');

${preprocessingCheckJs(rules)}
const pre = readPreprocessing();
const text = pre.text;

// Words (letters, digits, apostrophes inside words), each punctuation mark, and line breaks.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|\n|[^\s\p{L}\p{N}]/gu;

function tokenize(s) {
  const t = text.lowercase ? s.toLowerCase() : s;
  return text.tokens === 'char' ? Array.from(t) : t.match(WORD) || [];
}

// 0 is padding, 1 an unknown token; the rest are the vocabulary's indices.
const INDEX = new Map(text.vocabulary.map((tok, i) => [tok, i]).filter(([, i]) => i >= 2));
const encode = (s) => tokenize(s).map((tok) => INDEX.get(tok) ?? 1);

/** Cuts and pads token ids to text.maxLength as training did. */
function fitLength(ids) {
  const n = text.maxLength;
  const kept = ids.length > n ? (text.truncating === 'pre' ? ids.slice(ids.length - n) : ids.slice(0, n)) : ids;
  const pad = new Array(n - kept.length).fill(0);
  return text.padding === 'pre' ? [...pad, ...kept] : [...kept, ...pad];
}

/** Joins written tokens back into text as the app does: words with spaces, none before punctuation. */
function detokenize(tokens) {
  if (text.tokens === 'char') return tokens.join('');
  let out = '';
  for (const tok of tokens) {
    const glue = out === '' || out.endsWith('\n') || tok === '\n' || /^[^\p{L}\p{N}]$/u.test(tok) ? '' : ' ';
    out += glue + tok;
  }
  return out;
}

async function loadModel() {
  const tf = require('@tensorflow/tfjs-node');
  const model = await tf.loadLayersModel('file://' + path.join(__dirname, 'model', 'tfjs', 'model.json'));
  /** Model outputs for rows of token ids, one array per row. */
  const run = (rows) => {
    const input = tf.tensor2d(rows, [rows.length, rows[0].length]);
    const output = model.predict(input);
    const flat = Array.from(output.dataSync());
    tf.dispose([input, output]);
    const width = flat.length / rows.length;
    return rows.map((_, r) => flat.slice(r * width, (r + 1) * width));
  };
  return { run, dispose: () => model.dispose() };
}
`;

/**
 * The app's tokenization, vocabulary lookup and length fitting in Python. It reads the global
 * `text` (preprocessing.json's text part), which the including script defines; `INDEX` comes
 * from its vocabulary, and a script that builds a new vocabulary rebinds it.
 */
export const TEXT_ENCODING_PY = String.raw`# Words (letters, digits, apostrophes inside words), each punctuation mark, and line breaks.
# [^\W_] is a letter or digit; "_" counts as punctuation, as in the app.
WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|\n|[^\s\w]|_")


def tokenize(s):
    t = s.lower() if text["lowercase"] else s
    return list(t) if text["tokens"] == "char" else WORD.findall(t)


# 0 is padding, 1 an unknown token; the rest are the vocabulary's indices.
INDEX = {tok: i for i, tok in enumerate(text["vocabulary"]) if i >= 2}


def encode(s):
    return [INDEX.get(tok, 1) for tok in tokenize(s)]


def fit_length(ids):
    """Cuts and pads token ids to text["maxLength"] as training did."""
    n = text["maxLength"]
    if len(ids) > n:
        ids = ids[len(ids) - n :] if text["truncating"] == "pre" else ids[:n]
    pad = [0] * (n - len(ids))
    return pad + ids if text["padding"] == "pre" else ids + pad
`;

/** The Python common part, checking preprocessing.json with `rules`. */
export const textCommonPy = (rules: FieldRule[]): string => String.raw`import json
import math
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
${preprocessingCheckPy(rules)}

pre = _read_preprocessing()
text = pre["text"]

${TEXT_ENCODING_PY}

def detokenize(tokens):
    """Joins written tokens back into text as the app does: words with spaces, none before punctuation."""
    if text["tokens"] == "char":
        return "".join(tokens)
    out = ""
    for tok in tokens:
        glue = out == "" or out.endswith("\n") or tok == "\n" or (len(tok) == 1 and not tok.isalnum())
        out += ("" if glue else " ") + tok
    return out


def load_model():
    """A function from rows of token ids to model outputs, one array per row."""
    import onnxruntime as ort

    session = ort.InferenceSession(os.path.join(HERE, "model", "model.onnx"))

    def run(rows):
        out = session.run(["output"], {"input": np.array(rows, dtype=np.int64)})[0]
        return out.reshape(len(rows), -1).astype(np.float64)

    return run
`;

export const TEXT_COMMON_JS = textCommonJs(TEXT_RULES);
export const TEXT_COMMON_PY = textCommonPy(TEXT_RULES);
