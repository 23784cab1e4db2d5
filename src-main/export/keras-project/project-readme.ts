/**
 * README.md of a Keras training project: what the files are and how to train on one machine,
 * on several with TF_CONFIG, and on a Ray cluster.
 */
import type { PreprocessingFile } from '../../shared/preprocessing';

/** The README text for the run whose preprocessing.json the project carries. */
export function projectReadme(pre: PreprocessingFile): string {
  const name = pre.spec.name.replace(/[\r\n`]/g, ' ');
  const texts = pre.task === 'text-classification';
  const several = !texts && (pre.series?.length ?? 0) > 1;
  const preparation = texts
    ? 'texts and labels, the seeded split, the vocabulary built on the training texts, tokenization, truncation and padding'
    : several
      ? 'every series of the file on its own — columns, missing values, splits, scalers fitted on its training part, its target transform, windows — then the windows of all series pooled'
      : 'columns, missing values, splits, scalers fitted on the training part, target transform, windows';
  const scores = texts
    ? 'accuracy and macro F1 of the test texts beside always answering the most common class'
    : several
      ? "test RMSE and MAE of the model, naive and seasonal naive for each series and over all test forecasts, and the app's mean scaled error (each series' MAE over its naive MAE)"
      : 'test RMSE and MAE of the model, naive and seasonal naive';
  return `# ${name}: Keras training project

Exported from Recurrent Studio. It trains the run's network in Keras 3 with the run's data
preparation and settings, so the experiment can move to a bigger machine or a cluster.

| file | what it holds |
| --- | --- |
| \`train.py\` | trains, scores the test split, writes \`model.keras\` |
| \`prepare.py\` | reads the data file and prepares it as the app did (${preparation}) |
| \`evaluate.py\` | the test scores: ${scores} |
| \`model.py\` | the network (from \`model/config.json\`), loss, optimizer, clipping, weight decay, early stopping, schedule |
| \`preprocessing.json\` | the run's spec and the preparation the app chose (target transform, seasonal profile); data only |
| \`model/config.json\`, \`model/app.weights.h5\` | the architecture and the weights the app trained, in the layout of the app's Keras export |

## One machine

\`\`\`sh
python -m venv .venv && . .venv/bin/activate
pip install -r requirements.txt
python train.py --data "path/to/data.csv"            # the run's epochs; --epochs N to change
python train.py --data "path/to/data.csv" --app-weights   # score the app's own weights
\`\`\`

Results go to \`output/\`: \`model.keras\` (imports back into the app), \`metrics.json\` (${scores})
and \`predictions.csv\`. \`--distribute mirrored\`
trains on every local GPU (\`tf.distribute.MirroredStrategy\`).

## Several machines

Start the same command on every machine with \`--distribute multi-worker\` and a \`TF_CONFIG\` that
lists every worker and says which one this is (\`tf.distribute.MultiWorkerMirroredStrategy\`):

\`\`\`sh
# on host1
TF_CONFIG='{"cluster":{"worker":["host1:12345","host2:12345"]},"task":{"type":"worker","index":0}}' \\
  python train.py --data data.csv --distribute multi-worker --out output
# on host2: the same cluster, "index":1
\`\`\`

Every worker needs the data file. Worker 0 writes the results; the others save to a temporary
folder. \`--batch-size\` is the global batch, split across the workers.

## Ray

On a Ray cluster, run the same script as a job (every node needs \`requirements.txt\` installed):

\`\`\`sh
ray job submit --working-dir . -- python train.py --data data.csv
\`\`\`

### A search on Ray Tune

Export the run with a search plan (\`recurrent export --format keras-project --plan plan.json\`,
the same plan JSON as \`recurrent search\`): the app writes \`search/trials.json\`, each candidate
with its settings and network. \`search.py\` runs one Ray Tune trial per candidate, each this
project's \`train.py\` with the candidate's settings, and ranks them by \`score\` (the best
validation loss):

\`\`\`sh
pip install -r requirements.txt -r requirements-ray.txt
python search.py --data "path/to/data.csv"                      # a local Ray runtime
python search.py --data data.csv --address ray://head:10001      # a cluster; every node reads data.csv
\`\`\`

Results go to \`ray-results/search/\` (\`--out\`, \`--name\`): one folder per trial with its
checkpoint (\`model.keras\`, \`preprocessing.json\`, \`metrics.json\`). In the app, Runs →
*Import Ray Tune results…* (or \`recurrent import-ray ray-results/search --out DIR\`) brings every
trial back as a scored run.

## Differences from the app

- Input files are read as delimited text (comma, semicolon, tab or bar), with \`.\` as the decimal
  mark. Repeated time stamps are not averaged and missing time steps are not inserted: clean the
  file the way the app reported.
- The target transform and what the app fitted for it (seasonal period, profile, smoothing or
  ARIMA model) are the run's (\`preprocessing.json\`); scalers are fitted again on the training
  part of the file you give.
- Batches are shuffled by Keras, so a retrained model is not bit-identical to the app's.
${several ? globalNotes(pre) : ''}`;
}

/** What the README says of a run over several series. */
function globalNotes(pre: PreprocessingFile): string {
  const d = pre.spec.data;
  const column = (d.idColumn ?? '').replace(/[\r\n`]/g, ' ');
  const by = d.series.wide ? 'each target column is a series' : `the series are told apart by \`${column}\``;
  return `
## Several series

One network learns from the windows of all ${pre.series?.length ?? 0} series of the run (${by}). Each
series keeps its own target transform (\`series\` in \`preprocessing.json\`) and gets scalers
fitted on its own training part; with standard scaling the target's own changes are scaled by
their root mean square, so a series' drift stays visible to the network. Series of the file the run did not train on, and
series too short for a window, are left out and listed. \`predictions.csv\` starts each row with
its series; \`metrics.json\` holds \`model\`, \`naive\` and \`seasonalNaive\` over all test
forecasts, each series' own scores under \`series\`, and the app's summary under \`aggregate\`.
A series whose target has \`"plain": true\` was given its plain forecast (the transform's baseline) by
the app's validation guard, because it beat the network on that series' validation windows; its
forecasts here are that baseline too. Remove the mark to score the network on it.
`;
}
