/**
 * train.py of a Keras training project: trains the run's network on a data file on one machine,
 * on the local devices (MirroredStrategy) or on several machines (MultiWorkerMirroredStrategy with
 * TF_CONFIG), then scores the test split (evaluate.py: beside naive and seasonal naive for a
 * forecast, accuracy beside the majority class for texts) and writes model.keras, metrics.json
 * and predictions.csv. The same file serves every task the project reproduces.
 */

export const TRAIN_PY = String.raw`"""Train the exported run in Keras 3.

Usage: python train.py --data FILE [--epochs N] [--batch-size N] [--distribute mirrored|multi-worker]
                       [--out DIR] [--app-weights]
--app-weights skips training and scores the weights the app trained (they load unchanged).
Writes DIR/model.keras, DIR/preprocessing.json, DIR/metrics.json and DIR/predictions.csv (default DIR: output).
The app imports DIR/model.keras with DIR/preprocessing.json as a run.
"""
import argparse
import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from evaluate import evaluate, write_predictions  # noqa: E402
from prepare import TASK, pre, prepare, spec  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description="Train the run exported from Recurrent Studio.")
    p.add_argument("--data", required=True, help="the data file (CSV) to train on")
    p.add_argument("--epochs", type=int, default=spec["training"]["epochs"])
    p.add_argument("--batch-size", type=int, default=spec["training"]["batchSize"], help="the global batch size")
    p.add_argument("--distribute", choices=["none", "mirrored", "multi-worker"], default="none")
    p.add_argument("--out", default="output", help="folder for model.keras, metrics.json and predictions.csv")
    p.add_argument("--app-weights", action="store_true", help="score the app's trained weights instead of training")
    p.add_argument("--seed", type=int, default=spec["training"]["seed"])
    args = p.parse_args(argv)
    if args.epochs < 1 or args.batch_size < 1:
        p.error("--epochs and --batch-size must be at least 1")
    return args


def strategy_of(kind):
    import tensorflow as tf

    if kind == "mirrored":
        return tf.distribute.MirroredStrategy()
    if kind == "multi-worker":
        if "TF_CONFIG" not in os.environ:
            raise SystemExit("--distribute multi-worker needs TF_CONFIG (see README.md).")
        return tf.distribute.MultiWorkerMirroredStrategy()
    return tf.distribute.get_strategy()


def is_chief():
    """The worker that writes the results: the chief, or worker 0 when the cluster has no chief."""
    config = json.loads(os.environ.get("TF_CONFIG", "{}"))
    task = config.get("task", {})
    if not task or task.get("type") == "chief":
        return True
    return task.get("type") == "worker" and task.get("index", 0) == 0 and "chief" not in config.get("cluster", {})


def batches(split, batch_size, shuffle_seed=None):
    """A tf.data pipeline of a split; every worker of a cluster reads all of it and takes its share of each batch."""
    import tensorflow as tf

    if split is None:
        return None
    x, y = split
    ds = tf.data.Dataset.from_tensor_slices((x, y))
    if shuffle_seed is not None:
        ds = ds.shuffle(len(x), seed=shuffle_seed, reshuffle_each_iteration=True)
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    return ds.batch(batch_size).with_options(options)


def build_before_fit(model, strategy, split):
    """Builds loss, metrics and optimizer from one local batch.

    Keras 3 builds them from the first distributed batch by reducing it across replicas, which
    fails when the replicas are on several workers; built beforehand, fit skips that step.
    """
    import keras

    x, y = split
    with strategy.scope():
        model._symbolic_build(data_batch=(x[:1], y[:1]))
    model._maybe_symbolic_build = lambda iterator=None, data_batch=None: None
    # Keras 3 also averages the per-step loss across workers along axis 0, which a scalar does
    # not have; averaging the scalars themselves is what it means.
    from keras.src.backend.tensorflow import trainer

    reduce = trainer.reduce_per_replica

    def reduce_scalars(values, strategy, reduction):
        if reduction in ("auto", "mean") and trainer._collective_all_reduce_multi_worker(strategy):
            return keras.tree.map_structure(lambda v: strategy.reduce("MEAN", v, axis=None), values)
        return reduce(values, strategy, reduction)

    trainer.reduce_per_replica = reduce_scalars


def main(argv):
    args = parse_args(argv)
    # With the app's weights the app's own vocabulary and classes are kept; a retraining fits them on --data.
    data = prepare(args.data, saved=args.app_weights)
    import keras

    from model import build_model, callbacks_of, load_app_weights, loss_of, optimizer_of

    keras.utils.set_random_seed(args.seed)
    strategy = strategy_of(args.distribute)
    with strategy.scope():
        model = build_model(spec, TASK, data.get("sizes"))
        model.compile(optimizer=optimizer_of(spec), loss=loss_of(spec, TASK, len(data.get("classes") or [])))
    started = time.time()
    epochs_run = 0
    validation_loss = None
    if args.app_weights:
        load_app_weights(model)
    else:
        if args.distribute == "multi-worker":
            build_before_fit(model, strategy, data["train"])
        history = model.fit(
            batches(data["train"], args.batch_size, args.seed),
            validation_data=batches(data["validation"], args.batch_size),
            epochs=args.epochs,
            callbacks=callbacks_of(spec, data["validation"] is not None),
            verbose=2,
        )
        epochs_run = len(history.history["loss"])
        # The best validation loss: what the app's search ranks runs by.
        losses = history.history.get("val_loss")
        validation_loss = float(min(losses)) if losses else None
    seconds = time.time() - started
    metrics, rows = evaluate(model, data)
    metrics.update(epochs=epochs_run, seconds=round(seconds, 3), distribute=args.distribute, validationLoss=validation_loss)
    chief = is_chief()
    # Every worker of a multi-worker run must save (the save is a collective step); only the chief keeps its file.
    out = args.out if chief else tempfile.mkdtemp(prefix="worker-")
    os.makedirs(out, exist_ok=True)
    model.save(os.path.join(out, "model.keras"))
    if chief:
        with open(os.path.join(out, "metrics.json"), "w", encoding="utf-8") as f:
            json.dump(metrics, f, indent=2)
        # The app imports model.keras with this file: the run's preparation as fitted on --data.
        with open(os.path.join(out, "preprocessing.json"), "w", encoding="utf-8") as f:
            json.dump(data["preprocessing"], f, indent=1)
        write_predictions(os.path.join(out, "predictions.csv"), rows, data)
        print(json.dumps({"metrics": metrics, "out": os.path.abspath(out)}))


if __name__ == "__main__":
    main(sys.argv[1:])
`;
