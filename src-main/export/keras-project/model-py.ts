/**
 * model.py of a Keras training project: the run's network from model/config.json (the same
 * config the app's .keras export writes, so the weights of model/app.weights.h5 load as they
 * are), with the run's loss, optimizer, gradient clipping, weight decay, weight averaging, early
 * stopping and learning-rate schedule from the spec in preprocessing.json.
 */

export const MODEL_PY = String.raw`"""The run's network and training settings in Keras 3."""
import copy
import json
import os

import keras

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "model", "config.json")
APP_WEIGHTS = os.path.join(HERE, "model", "app.weights.h5")

# Layer config keys that hold weight matrices: the app's weight decay is an L2 penalty on every
# weight matrix (kernels, recurrent kernels, embeddings), never on biases.
MATRIX_REGULARIZERS = {
    "LSTM": ["kernel_regularizer", "recurrent_regularizer"],
    "GRU": ["kernel_regularizer", "recurrent_regularizer"],
    "SimpleRNN": ["kernel_regularizer", "recurrent_regularizer"],
    "Dense": ["kernel_regularizer"],
    "Embedding": ["embeddings_regularizer"],
}


def with_weight_decay(layer, l2):
    """A copy of a layer config with an L2 penalty on its trainable weight matrices."""
    layer = copy.deepcopy(layer)
    if not layer["config"].get("trainable", True):
        return layer
    if layer["class_name"] == "Bidirectional":
        layer["config"]["layer"] = with_weight_decay(layer["config"]["layer"], l2)
    for key in MATRIX_REGULARIZERS.get(layer["class_name"], []):
        layer["config"][key] = {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": l2}}
    return layer


def fit_to_data(layers, spec, sizes):
    """Sizes the token input and the class head for the vocabulary and classes found in the data.

    One-hot input is an embedding with fixed identity weights in the app, so it is here too.
    """
    for layer in layers:
        if layer["class_name"] == "Embedding":
            layer["config"]["input_dim"] = sizes["vocabulary"]
            if spec["model"]["input"] == "onehot":
                layer["config"].update(
                    output_dim=sizes["vocabulary"],
                    trainable=False,
                    embeddings_initializer={"module": "keras.initializers", "class_name": "Identity", "config": {}},
                )
            break
    head = layers[-1]["config"]
    head["units"] = 1 if sizes["classes"] <= 2 and head["activation"] == "sigmoid" else sizes["classes"]


def build_model(spec, task, sizes=None):
    """The run's architecture, freshly initialised (a forecast head starts at zero, as in the app).

    sizes: for text runs, {"vocabulary": tokens, "classes": labels} of the prepared data.
    """
    with open(CONFIG, encoding="utf-8") as f:
        config = json.load(f)
    layers = config["config"]["layers"]
    if sizes:
        fit_to_data(layers, spec, sizes)
    decay = spec["training"]["weightDecay"]
    if decay > 0:
        # The app adds weightDecay / 2 * sum(w^2) to the loss; Keras' L2(l2) adds l2 * sum(w^2).
        layers = [with_weight_decay(layer, decay / 2) for layer in layers]
    config["config"]["layers"] = layers
    model = keras.saving.deserialize_keras_object(config)
    if task == "forecast":
        # A zero head makes the untrained network forecast exactly the baseline of the target transform.
        head = model.layers[-1]
        head.set_weights([w * 0 for w in head.get_weights()])
    return model


def load_app_weights(model):
    """Loads the weights the app trained (the layout of the app's .keras export)."""
    model.load_weights(APP_WEIGHTS)


def loss_of(spec, task, classes=2):
    name = spec["training"]["loss"]
    if name is None:
        if task == "forecast":
            name = "mse"
        else:
            softmax = spec["model"]["outputActivation"] == "softmax"
            name = "binaryCrossentropy" if classes <= 2 and not softmax else "sparseCategoricalCrossentropy"
    return {
        "mse": lambda: keras.losses.MeanSquaredError(),
        "mae": lambda: keras.losses.MeanAbsoluteError(),
        "huber": lambda: keras.losses.Huber(delta=1.0),
        "binaryCrossentropy": lambda: keras.losses.BinaryCrossentropy(),
        "categoricalCrossentropy": lambda: keras.losses.CategoricalCrossentropy(),
        "sparseCategoricalCrossentropy": lambda: keras.losses.SparseCategoricalCrossentropy(),
    }[name]()


def optimizer_of(spec):
    t = spec["training"]
    o = t["optimizer"]
    extra = {}
    if t["clip"]["mode"] == "norm":
        # The app clips the norm of all gradients together.
        extra["global_clipnorm"] = t["clip"]["value"]
    elif t["clip"]["mode"] == "value":
        extra["clipvalue"] = t["clip"]["value"]
    if t["weightAveraging"]["enabled"]:
        extra.update(use_ema=True, ema_momentum=t["weightAveraging"]["decay"])
    lr = o["learningRate"]
    name = o["name"]
    if name == "sgd":
        return keras.optimizers.SGD(learning_rate=lr, momentum=o["momentum"], nesterov=o["nesterov"], **extra)
    if name == "adam":
        return keras.optimizers.Adam(lr, beta_1=o["beta1"], beta_2=o["beta2"], epsilon=o["epsilon"], **extra)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr, rho=o["rho"], epsilon=o["epsilon"], **extra)
    if name == "adagrad":
        return keras.optimizers.Adagrad(lr, initial_accumulator_value=0.1, **extra)
    if name == "adamax":
        return keras.optimizers.Adamax(lr, beta_1=o["beta1"], beta_2=o["beta2"], epsilon=o["epsilon"], **extra)
    raise SystemExit(f'Unknown optimizer "{name}" in the spec.')


def callbacks_of(spec, has_validation):
    """Early stopping and the plateau schedule on the validation loss, as the app sets them."""
    t = spec["training"]
    if not has_validation:
        return []
    out = []
    stop = t["earlyStopping"]
    if stop["enabled"] or stop["restoreBest"]:
        # The app keeps the weights of the best validation epoch even when early stopping is off:
        # a patience longer than the run never stops it, and the best weights come back at the end.
        patience = stop["patience"] if stop["enabled"] else 10**9
        out.append(
            keras.callbacks.EarlyStopping(
                monitor="val_loss",
                patience=patience,
                restore_best_weights=stop["restoreBest"],
                start_from_epoch=stop.get("minEpochs", 0),
            )
        )
    plateau = t["reduceLrOnPlateau"]
    if plateau["enabled"]:
        out.append(
            keras.callbacks.ReduceLROnPlateau(
                monitor="val_loss",
                factor=plateau["factor"],
                patience=plateau["patience"],
                min_lr=plateau["minLearningRate"],
            )
        )
    return out
`;
