"""Loads .keras files with Keras 3 and prints their predictions (used by keras-export.test.ts).

stdin: JSON list of {"path": str, "data": [...], "shape": [...], "ids": bool}
stdout (last line): JSON list of {"values": [...], "shape": [...]}
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import numpy as np  # noqa: E402

results = []
for case in json.load(sys.stdin):
    model = keras.saving.load_model(case["path"])
    x = np.asarray(case["data"], dtype=np.int32 if case["ids"] else np.float32).reshape(case["shape"])
    y = np.asarray(model.predict(x, verbose=0))
    results.append({"values": y.reshape(-1).tolist(), "shape": list(y.shape)})
print(json.dumps(results))
