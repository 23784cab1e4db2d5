/**
 * prepare.py of a Keras training project for a text-classification run: reads the texts and
 * labels of a data file and prepares them the way the app did (src-main/engine/tasks/
 * text-classification): missing markers, sorted class labels, the seeded shuffle that splits the
 * texts, the vocabulary built on the training texts, tokenization, truncation and padding, and
 * targets in the layout of the run's loss.
 */
import { preprocessingCheckPy, TEXT_RULES } from '../scripts/preprocessing-check';
import { SEEDED_RANDOM_PY } from '../scripts/seeded-random-py';
import { TEXT_ENCODING_PY } from '../scripts/text-common';
import { READ_TABLE_PY, runOfTaskPy } from './prepare-common-py';

export const PREPARE_TEXT_PY = String.raw`"""Data preparation of the text-classification run, as Recurrent Studio does it.

prepare(path) returns the training, validation and test token ids and class targets of a data
file, and the vocabulary and classes they were encoded with.
"""
import copy
import csv
import json
import math
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
${preprocessingCheckPy(TEXT_RULES)}

${runOfTaskPy('text-classification', 'texts and labels')}
text = pre["text"]

${TEXT_ENCODING_PY}

${READ_TABLE_PY}

${SEEDED_RANDOM_PY}

# Cells the app reads as "no value" (src-main/data/import/values.ts).
MISSING = {"", "na", "n/a", "nan", "null", "none", "nil", "-", "--", "?", ".", "#n/a", "#na", "#value!",
           "#div/0!", "missing"}


def present(cell):
    s = cell.strip()
    return None if len(s) <= 8 and s.lower() in MISSING else s


def as_number(s):
    try:
        v = float(s.replace(",", "")) if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d*)?", s) else float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def numeric(cells):
    """A column the app reads as numbers: 95% of its present cells are numbers."""
    values = [c for c in cells if c is not None]
    return bool(values) and sum(as_number(c) is not None for c in values) >= math.ceil(0.95 * len(values))


def js_number(v):
    """A number as JavaScript's String() writes it, so numeric labels name the classes as in the app."""
    if v.is_integer() and abs(v) < 1e21:
        return str(int(v))
    return repr(v)


def is_free_text(cells):
    """Free sentences rather than labels or codes (the app's rule for a text column)."""
    values = [c for c in cells if c is not None]
    if not values:
        return False
    chars = sum(len(v) for v in values) / len(values)
    words = sum(len(v.split()) for v in values) / len(values)
    return (chars >= 25 and words >= 3) or words >= 6


def text_column(table, label):
    """The spec's text column, else the first free-text column, else the first other string column."""
    named = spec["data"]["text"]["column"]
    if named:
        if named not in table:
            raise SystemExit(f'The data file has no column "{named}"; the run read its texts from it.')
        return named
    strings = [n for n, cells in table.items() if n != label and not numeric(cells)]
    for name in strings:
        if is_free_text(table[name]):
            return name
    if not strings:
        raise SystemExit("The data file has no text column.")
    return strings[0]


def shuffled(count, random):
    """Fisher-Yates over 0..count-1 with the app's generator."""
    ids = list(range(count))
    for i in range(count - 1, 0, -1):
        j = math.floor(random() * (i + 1))
        ids[i], ids[j] = ids[j], ids[i]
    return ids


def split_samples(count):
    """The app's split of independent samples: a seeded shuffle, test and validation cut off the end."""
    fractions = spec["data"]["split"]
    test = max(1, math.floor(count * fractions["test"]))
    validation = max(1, math.floor(count * fractions["validation"])) if fractions["validation"] > 0 else 0
    train = count - test - validation
    if train < 2:
        raise SystemExit(f"Only {count} texts with a label: too few to keep {test} for testing and {validation} for validation.")
    ids = shuffled(count, seeded_random((spec["training"]["seed"] ^ 0x5BD1E995) & M32))
    return ids[:train], ids[train : train + validation], ids[train + validation :]


def utf16(token):
    # JavaScript compares strings by UTF-16 code units; so does this key.
    return token.encode("utf-16-be")


def build_vocabulary(texts):
    """[pad, oov, tokens by falling count, ties in the app's string order], at most vocabSize in all."""
    counts = {}
    for t in texts:
        for tok in tokenize(t):
            counts[tok] = counts.get(tok, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], utf16(kv[0])))
    room = max(0, spec["data"]["text"]["vocabSize"] - 2)
    return [pre["text"]["vocabulary"][0], pre["text"]["vocabulary"][1]] + [tok for tok, _ in ordered[:room]]


def target_width(classes):
    loss = spec["training"]["loss"]
    return len(classes) if loss == "categoricalCrossentropy" else 1


def prepare(path, saved=False):
    """Token ids x [texts, maxLength] and class targets y per split.

    saved=True keeps the run's vocabulary and class order (to score the app's weights); otherwise
    both are built from this file as the app builds them.
    """
    global INDEX
    table = read_table(path)
    label = spec["data"]["targetColumns"][0]
    if label not in table:
        raise SystemExit(f'The data file has no column "{label}"; the run read its labels from it.')
    source = text_column(table, label)
    labels = [present(c) for c in table[label]]
    if numeric(labels):
        labels = [js_number(as_number(c)) if c is not None and as_number(c) is not None else None for c in labels]
    texts = [present(c) for c in table[source]]
    found = sorted({c for c in labels if c is not None}, key=utf16)
    classes = pre["classes"] if saved else found
    if len(classes) < 2:
        raise SystemExit(f'The column "{label}" holds {len(classes)} class: a classifier needs at least two.')
    unknown = [c for c in found if c not in classes]
    if unknown:
        raise SystemExit(f'The labels {unknown[:5]} were not among the classes the app trained on.')
    class_id = {c: i for i, c in enumerate(classes)}
    rows = [r for r in range(len(texts)) if texts[r] is not None and labels[r] is not None]
    if not rows:
        raise SystemExit(f'No row has both a text in "{source}" and a label in "{label}".')
    train, validation, test = split_samples(len(rows))
    vocabulary = pre["text"]["vocabulary"] if saved else build_vocabulary(texts[rows[i]] for i in train)
    INDEX = {tok: i for i, tok in enumerate(vocabulary) if i >= 2}
    ids = np.array([fit_length(encode(texts[r])) for r in rows], dtype=np.int32).reshape(len(rows), -1)
    targets = np.array([class_id[labels[r]] for r in rows], dtype=np.int64)
    width = target_width(classes)

    def split(samples):
        if not samples:
            return None
        y = targets[samples]
        y = np.eye(width, dtype=np.float32)[y] if width > 1 else y.astype(np.float32).reshape(-1, 1)
        return ids[samples], y

    fitted = copy.deepcopy(pre)
    fitted["text"]["vocabulary"] = vocabulary
    fitted["classes"] = classes
    fitted["spec"]["data"]["file"] = os.path.abspath(path)
    fitted["spec"]["data"]["text"]["column"] = source
    return {
        "classes": classes,
        "sizes": {"vocabulary": len(vocabulary), "classes": len(classes)},
        # Data-file row numbers (1 = the first row under the header) of each split's texts.
        "rows": {name: [rows[i] + 1 for i in part] for name, part in (("train", train), ("validation", validation), ("test", test))},
        "texts": {name: [texts[rows[i]] for i in part] for name, part in (("test", test),)},
        "actual": {"test": targets[test]},
        "train": split(train),
        "validation": split(validation),
        "test": split(test),
        "preprocessing": fitted,
    }


if __name__ == "__main__":
    prepared = prepare(sys.argv[1])
    print(json.dumps({name: len(part) for name, part in prepared["rows"].items()}))
`;
