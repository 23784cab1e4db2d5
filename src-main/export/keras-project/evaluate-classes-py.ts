/**
 * evaluate.py of a text-classification training project: accuracy and macro F1 on the test texts
 * (classes decided as the app decides them: a single sigmoid unit at 0.5, else the likeliest
 * class, the first on ties) beside always answering the most common test class, and
 * predictions.csv with each text's class probabilities, its text neutralised against formulas.
 */
import { CSV_SAFE_PY } from './csv-safe-py';

export const EVALUATE_CLASSES_PY = String.raw`"""Scores a trained text classifier on the test texts, as Recurrent Studio does."""
import csv
import math
from collections import Counter

import numpy as np
${CSV_SAFE_PY}

def probabilities_of(model, x):
    """Class probabilities [texts, classes]; one sigmoid unit is the probability of the second class."""
    out = np.asarray(model.predict(x, verbose=0), dtype=np.float64).reshape(len(x), -1)
    return np.concatenate([1 - out, out], axis=1) if out.shape[1] == 1 else out


def macro_f1(actual, predicted, classes):
    """Mean F1 over the classes that occur as actual or predicted labels (as the app and scikit-learn do)."""
    scores = []
    for c in range(len(classes)):
        tp = sum(1 for a, p in zip(actual, predicted) if a == c and p == c)
        support = sum(1 for a in actual if a == c)
        predicted_as = sum(1 for p in predicted if p == c)
        if support == 0 and predicted_as == 0:
            continue
        precision = tp / predicted_as if predicted_as else 0.0
        recall = tp / support if support else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def evaluate(model, data):
    """Accuracy and macro F1 of the test texts beside the majority class."""
    if data["test"] is None:
        return {"note": "The split has no test part."}, []
    x, _ = data["test"]
    classes = data["classes"]
    p = probabilities_of(model, x)
    # np.argmax takes the first of equal probabilities, as the app does; one unit decides at 0.5.
    predicted = (p[:, 1] >= 0.5).astype(int) if len(classes) == 2 and model.output_shape[-1] == 1 else p.argmax(axis=1)
    actual = [int(a) for a in data["actual"]["test"]]
    correct = sum(int(a == b) for a, b in zip(actual, predicted))
    majority, majority_count = Counter(actual).most_common(1)[0]
    metrics = {
        "accuracy": correct / len(actual),
        "macroF1": macro_f1(actual, [int(v) for v in predicted], classes),
        "majority": {"label": classes[majority], "accuracy": majority_count / len(actual)},
        "count": len(actual),
        "classes": classes,
    }
    rows = [
        {"row": row, "text": t, "actual": classes[a], "predicted": classes[int(k)], "probabilities": [float(v) for v in pr]}
        for row, t, a, k, pr in zip(data["rows"]["test"], data["texts"]["test"], actual, predicted, p)
    ]
    return metrics, rows


def write_predictions(path, rows, data):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["row", "text", "actual", "predicted"] + [csv_cell(f"p_{c}") for c in data["classes"]])
        for r in rows:
            cells = [r["row"], r["text"], r["actual"], r["predicted"]] + r["probabilities"]
            w.writerow([csv_cell(c) for c in cells])
`;
