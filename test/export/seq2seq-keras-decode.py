"""Writes greedy outputs with the two Keras files of a sequence-to-sequence export (used by seq2seq-bundle.test.ts).

argv: folder with encoder.keras and decoder_step.keras, maximum output length
stdin: JSON list of source id rows (padding first)
stdout (last line): JSON list of token id lists, one per source (end token not included)
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import numpy as np  # noqa: E402

folder, limit = sys.argv[1], int(sys.argv[2])
encoder = keras.saving.load_model(os.path.join(folder, "encoder.keras"))
decoder = keras.saving.load_model(os.path.join(folder, "decoder_step.keras"))
rows = np.array(json.load(sys.stdin), dtype=np.int32)
memory, *states = encoder.predict(rows, verbose=0)
attention = len(decoder.inputs) == len(states) + 2
tokens = np.full((len(rows), 1), 2, dtype=np.int32)
out = [[] for _ in rows]
done = [False] * len(rows)
for _ in range(limit):
    if all(done):
        break
    result = decoder.predict([tokens, *states, memory] if attention else [tokens, *states], verbose=0)
    probabilities, states = result[0], list(result[1 : 1 + len(states)])
    for i, p in enumerate(probabilities):
        if done[i]:
            continue
        # Padding, unknown and start are never written; the first likeliest token wins, as in the app.
        nxt = 3 + int(np.argmax(p[3:]))
        if nxt == 3:
            done[i] = True
        else:
            out[i].append(nxt)
        tokens[i, 0] = nxt
print(json.dumps(out))
