"""Trains one benchmark workload in Keras or PyTorch and prints its speed as one JSON line.

Usage: peers.py keras|pytorch '<workload json with "epochs", "repeats" and "threads">'. A warm-up
epoch runs first and is not timed, so graph building / first-call costs are excluded as for the
other engines; every timed run's speed is printed (the bench reports their median and range).
"threads" null keeps the framework's own thread defaults; a number pins intra- and inter-op
threads to it. The line also names the versions and the kernels that ran.
"""
import re
import json
import math
import os
import sys
import time

import numpy as np


def make_data(w):
    rng = np.random.default_rng(0)
    n, t = w["samples"], w["steps"]
    if w["text"]:
        vocab = w["text"]["vocab"]
        x = rng.integers(0, vocab, (n, t)).astype(np.int32)
        y = rng.integers(0, vocab, (n,)).astype(np.int32)
    else:
        x = rng.standard_normal((n, t, w["features"])).astype(np.float32)
        y = (x.sum(axis=(1, 2)) * 0.1).astype(np.float32)[:, None]
    return x, y


def timed_seconds(w, run):
    seconds = []
    for _ in range(w["repeats"]):
        start = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - start)
    return seconds


def keras_speed(w, x, y):
    import tensorflow as tf

    if w["threads"]:
        tf.config.threading.set_intra_op_parallelism_threads(w["threads"])
        tf.config.threading.set_inter_op_parallelism_threads(w["threads"])
    import keras
    from keras import layers

    text = w["text"]
    inputs = keras.Input((w["steps"],), dtype="int32") if text else keras.Input((w["steps"], w["features"]))
    h = layers.Embedding(text["vocab"], text["embedding"])(inputs) if text else inputs
    for i in range(w["layers"]):
        seq = i < w["layers"] - 1
        if w["cell"] == "LSTM":
            layer = layers.LSTM(w["units"], return_sequences=seq)
        elif w["cell"] == "GRU":
            # reset_after=False is the GRU variant tfjs-layers and TensorFlow's fused cell compute.
            layer = layers.GRU(w["units"], return_sequences=seq, reset_after=False)
        else:
            layer = layers.SimpleRNN(w["units"], return_sequences=seq)
        h = (layers.Bidirectional(layer) if w["bidirectional"] else layer)(h)
    outputs = layers.Dense(text["vocab"], activation="softmax")(h) if text else layers.Dense(1)(h)
    model = keras.Model(inputs, outputs)
    loss = "sparse_categorical_crossentropy" if text else "mse"
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=loss)
    model.fit(x, y, batch_size=w["batchSize"], epochs=1, verbose=0)
    threads = tf.config.threading.get_intra_op_parallelism_threads() or "default"
    onednn = "off" if os.environ.get("TF_ENABLE_ONEDNN_OPTS") == "0" else "on"
    info = (
        f"Keras {keras.__version__} on TensorFlow {tf.__version__}: {w['cell']} as a loop over its cell"
        f" (no fused CPU kernel), oneDNN {onednn}, intra-op threads {threads}"
    )
    run = lambda: model.fit(x, y, batch_size=w["batchSize"], epochs=w["epochs"], verbose=0)  # noqa: E731
    return timed_seconds(w, run), info


def pytorch_speed(w, x, y):
    import torch
    from torch import nn

    if w["threads"]:
        torch.set_num_threads(w["threads"])
        torch.set_num_interop_threads(w["threads"])
    text = w["text"]
    units, bi = w["units"], w["bidirectional"]
    rnn_class = {"LSTM": nn.LSTM, "GRU": nn.GRU, "SimpleRNN": nn.RNN}[w["cell"]]

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(text["vocab"], text["embedding"]) if text else None
            size = text["embedding"] if text else w["features"]
            self.rnn = rnn_class(size, units, num_layers=w["layers"], batch_first=True, bidirectional=bi)
            self.head = nn.Linear(units * (2 if bi else 1), text["vocab"] if text else 1)

        def forward(self, inputs):
            h = self.embedding(inputs) if self.embedding is not None else inputs
            out, _ = self.rnn(h)
            # The backward direction ends at the first step.
            last = torch.cat([out[:, -1, :units], out[:, 0, units:]], 1) if bi else out[:, -1]
            return self.head(last)

    net = Net()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss() if text else nn.MSELoss()
    xt = torch.from_numpy(x).long() if text else torch.from_numpy(x)
    yt = torch.from_numpy(y).long() if text else torch.from_numpy(y)
    n, batch = w["samples"], w["batchSize"]

    def epoch():
        order = torch.randperm(n)
        for i in range(0, n, batch):
            idx = order[i : i + batch]
            optimizer.zero_grad()
            loss = criterion(net(xt[idx]), yt[idx])
            loss.backward()
            optimizer.step()

    def epochs():
        for _ in range(w["epochs"]):
            epoch()

    epoch()
    blas = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    onednn = torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled
    info = (
        f"PyTorch {torch.__version__}: nn.{rnn_class.__name__}, oneDNN {'on' if onednn else 'off'},"
        f" BLAS {blas.group(1) if blas else 'unknown'}, threads {torch.get_num_threads()}"
    )
    return timed_seconds(w, epochs), info


def main():
    peer, w = sys.argv[1], json.loads(sys.argv[2])
    x, y = make_data(w)
    seconds, info = keras_speed(w, x, y) if peer == "keras" else pytorch_speed(w, x, y)
    batches = math.ceil(w["samples"] / w["batchSize"]) * w["epochs"]
    rates = [w["samples"] * w["epochs"] / s for s in seconds]
    print(json.dumps({"rates": rates, "batches": batches, "info": info}))


if __name__ == "__main__":
    main()
