/**
 * search.py of a Keras training project: runs the trials of the app's search plan
 * (search/trials.json, written by the app from the same plan JSON as `recurrent search`) with
 * Ray Tune, on a local Ray runtime or a cluster, one trial per candidate. Each trial is the
 * project's own train.py in its own process on a copy of the project whose preprocessing.json
 * and model/config.json are the trial's; its model.keras, preprocessing.json and metrics.json are
 * the trial's checkpoint, which the app imports as a run. Specs are JSON data: nothing in them is
 * run as code, and the training process gets its paths as separate arguments, never a shell line.
 */

export const SEARCH_PY = String.raw`"""Search the run's settings with Ray Tune: one trial per candidate of the app's search plan.

Usage: python search.py --data FILE [--trials search/trials.json] [--address ADDRESS] [--out DIR]
                        [--name NAME] [--epochs N] [--cpus-per-trial N] [--max-concurrent N]
Without --address Ray starts a local runtime on this machine. Every trial trains with train.py and
reports "score" (the best validation loss; without a validation part, the test RMSE or the test
error rate) and the test scores. The results folder is DIR/NAME (default: ray-results/search);
the app imports it as runs: recurrent import-ray DIR/NAME --out RUNS_DIR, or Import in the runs table.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# The files a trial runs; the app's trained weights are not needed to train anew.
PROJECT_FILES = ["train.py", "prepare.py", "evaluate.py", "model.py"]


def parse_args(argv):
    p = argparse.ArgumentParser(description="Run the app's search plan with Ray Tune.")
    p.add_argument("--data", required=True, help="the data file (CSV); on a cluster, a path every node can read")
    p.add_argument("--trials", default=os.path.join(HERE, "search", "trials.json"), help="the trials the app wrote")
    p.add_argument("--address", default=None, help="a Ray cluster (ray://host:10001 or auto); default: a local runtime")
    p.add_argument("--out", default="ray-results", help="the folder Ray Tune writes its results into")
    p.add_argument("--name", default="search", help="the name of this search (its results folder inside --out)")
    p.add_argument("--epochs", type=int, default=None, help="epochs per trial (default: each trial's spec)")
    p.add_argument("--cpus-per-trial", type=float, default=1.0)
    p.add_argument("--max-concurrent", type=int, default=None, help="trials at once (default: as many as fit)")
    args = p.parse_args(argv)
    if args.epochs is not None and args.epochs < 1:
        p.error("--epochs must be at least 1")
    if args.cpus_per_trial <= 0:
        p.error("--cpus-per-trial must be above 0")
    return args


def read_trials(path):
    if not os.path.isfile(path):
        raise SystemExit(
            f'No trials at "{path}". Export the project with a search plan (recurrent export --format keras-project --plan PLAN.json).'
        )
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    trials = doc.get("trials") if isinstance(doc, dict) else None
    if not isinstance(trials, list) or not trials:
        raise SystemExit(f'"{path}" lists no trials.')
    for t in trials:
        if not isinstance(t, dict) or not isinstance(t.get("spec"), dict) or not isinstance(t.get("config"), dict):
            raise SystemExit(f'"{path}" has a trial without its spec or network config; export the project again.')
    return trials


def project_dir():
    """This project on the node that runs the trial: the same path, or the job's working folder on a cluster."""
    for folder in (HERE, os.environ.get("TUNE_ORIG_WORKING_DIR", ""), os.getcwd()):
        if folder and all(os.path.isfile(os.path.join(folder, name)) for name in PROJECT_FILES):
            return folder
    raise RuntimeError("The training project is not on this node: submit with --working-dir or share the folder.")


def trial_project(project, trial, work):
    """A copy of the project whose preprocessing.json and model/config.json are the trial's."""
    os.makedirs(os.path.join(work, "model"))
    for name in PROJECT_FILES:
        shutil.copy(os.path.join(project, name), os.path.join(work, name))
    with open(os.path.join(project, "preprocessing.json"), encoding="utf-8") as f:
        pre = json.load(f)
    spec = trial["spec"]
    pre["spec"] = spec
    if pre.get("text"):
        pre["text"]["maxLength"] = pre["lookback"] = spec["data"]["text"]["maxLength"]
    else:
        pre["lookback"], pre["horizon"] = spec["data"]["lookback"], spec["data"]["horizon"]
    with open(os.path.join(work, "preprocessing.json"), "w", encoding="utf-8") as f:
        json.dump(pre, f)
    with open(os.path.join(work, "model", "config.json"), "w", encoding="utf-8") as f:
        json.dump(trial["config"], f)


def scores_of(metrics):
    """What a trial reports to Ray Tune: the score to minimise and the test scores."""
    out = {"epochs": metrics.get("epochs"), "seconds": metrics.get("seconds")}
    if "accuracy" in metrics:
        out["test_accuracy"] = metrics["accuracy"]
        test_score = 1 - metrics["accuracy"]
    else:
        model = metrics.get("model") or {}
        out["test_rmse"] = model.get("rmse")
        out["test_mae"] = model.get("mae")
        out["naive_rmse"] = (metrics.get("naive") or {}).get("rmse")
        test_score = model.get("rmse")
    validation = metrics.get("validationLoss")
    out["validation_loss"] = validation
    out["score"] = validation if validation is not None else test_score
    return out


def run_trial(config, trials, data, epochs):
    """One Ray Tune trial: trains the trial's network with train.py and reports its scores and files."""
    from ray import tune

    trial = trials[config["trial"]]
    project = project_dir()
    data_path = data if os.path.isabs(data) else os.path.join(project, data)
    work = tempfile.mkdtemp(prefix="recurrent-trial-")
    try:
        trial_project(project, trial, work)
        out = os.path.join(work, "output")
        command = [sys.executable, os.path.join(work, "train.py"), "--data", data_path, "--out", out]
        if epochs:
            command += ["--epochs", str(epochs)]
        done = subprocess.run(command, cwd=work, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f'Trial {trial["index"] + 1} ({trial["name"]}) failed:\n{done.stderr[-3000:]}')
        with open(os.path.join(out, "metrics.json"), encoding="utf-8") as f:
            metrics = json.load(f)
        # Which candidate this is, for the app's import (the checkpoint travels without Ray's own files).
        with open(os.path.join(out, "trial.json"), "w", encoding="utf-8") as f:
            json.dump({"index": trial["index"], "name": trial["name"], "values": trial["values"]}, f)
        tune.report(scores_of(metrics), checkpoint=tune.Checkpoint.from_directory(out))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    args = parse_args(argv)
    trials = read_trials(args.trials)
    data = os.path.abspath(args.data) if os.path.exists(args.data) else args.data
    if args.address is None and not os.path.isfile(data):
        raise SystemExit(f'The data file "{args.data}" does not exist or is not a file.')
    import ray
    from ray import tune

    if args.address:
        # The cluster's nodes get this project as the job's working folder.
        ray.init(address=args.address, runtime_env={"working_dir": HERE, "excludes": ["ray-results", "output"]})
    else:
        ray.init(include_dashboard=False)
    trainable = tune.with_resources(
        tune.with_parameters(run_trial, trials=trials, data=data, epochs=args.epochs), {"cpu": args.cpus_per_trial}
    )
    tuner = tune.Tuner(
        trainable,
        param_space={"trial": tune.grid_search(list(range(len(trials))))},
        tune_config=tune.TuneConfig(metric="score", mode="min", max_concurrent_trials=args.max_concurrent),
        run_config=tune.RunConfig(name=args.name, storage_path=os.path.abspath(args.out), verbose=1),
    )
    results = tuner.fit()
    failed = [r for r in results if r.error]
    summary = {"folder": results.experiment_path, "trials": len(trials), "failed": len(failed)}
    if len(failed) < len(trials):
        best = results.get_best_result()
        summary["best"] = {"trial": best.config["trial"] + 1, "score": best.metrics.get("score")}
    print(json.dumps(summary))
    ray.shutdown()
    return 1 if len(failed) == len(trials) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
`;
