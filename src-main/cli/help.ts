/** The text of `recurrent --help` and of `recurrent <command> --help`. */

/** Each command's usage and what it does, as `recurrent <command> --help` prints it. */
export const COMMAND_HELP: Record<string, string> = {
  inspect: `  recurrent inspect FILE|FOLDER [--json] [--sheet NAME]
      Show what the importer detects in FILE (CSV, TSV, XLSX, TXT) or in a FOLDER of labeled
      texts (one subfolder of .txt files per label) or of pairs (two line-aligned files such as
      train.en + train.fr or source.txt + target.txt, or many small name.src + name.tgt files,
      one text each): layout, the task it suggests, columns with
      types and stats, time frequency, gaps, duplicate timestamps, missing values and every
      problem found.`,

  init: `  recurrent init --data FILE|FOLDER [--target COLUMN] [--time COLUMN] [--task TASK] [--out SPEC.json]
      Print (or write) a complete experiment spec for FILE with sensible defaults: the task the
      data suggests (labelled texts: text classification; a text: text generation; pairs of
      texts or a folder of pairs: sequence to sequence; series: forecast) unless --task names one, the time column, the last numeric column as target
      unless --target names one, a window length from the seasonal period. Edit it, then train.`,

  train: `  recurrent train --spec SPEC.json --out DIR [--data FILE] [--epochs N] [--ensemble N] [--series ID | --all-series] [--continue-from RUN_DIR] [--json]
      Train headless. First checks the spec on its data: the samples per split are counted and
      printed, and settings that leave too few training samples are refused with the number
      needed. Prints progress; writes DIR/model/ (model.json, weights.bin, preprocessing.json),
      DIR/spec.json (the spec used) and DIR/metrics.json (backend, test-split RMSE, MAE and R²
      in original units, beside the naive last-value and seasonal-naive forecasts; for a model
      over all series, each series' scores and their aggregate instead). --data overrides the spec's data
      file. --series ID trains on one series of a multi-series file; --all-series trains one
      network over every series. While training, DIR/checkpoint/ keeps the model with the best
      validation loss so far. --continue-from starts from the weights and preprocessing of an
      earlier run (its model/, or the checkpoint/ of an interrupted run) or of a model folder;
      the spec must build the same architecture (forecast and text tasks). --ensemble N (forecasts
      and classification, 1 to 9) trains N networks from seeds one apart and saves one model
      that forecasts their median, or classifies by the mean of their class probabilities; it
      takes about N times as long.
      Sequence to sequence (task "sequence-to-sequence"): data.text.column is the source
      column and data.targetColumns[0] the target (--data may name a folder of pairs: its
      columns are the two sides, e.g. 'en' and 'fr', or 'source' and 'target'); data.text sets tokens (char|word), case
      and the source's maximum length; the spec's seq2seq block sets targetMaxLength,
      sharedVocabulary (true|false), attention (none|dot|general), decoding
      (greedy|beam|sample), beamWidth (1-64), temperature (above 0, at most 10) and
      maxOutputLength. Pairs with an empty side or longer than the maximum lengths are left
      out and counted; metrics.json holds exact match, BLEU and character error rate.`,

  evaluate: `  recurrent evaluate --run DIR [--json]
      Print the run's test-split metrics beside the naive and seasonal-naive forecasts.
      DIR is the folder \`recurrent train --out DIR\` wrote.`,

  forecast: `  recurrent forecast --run DIR --steps N [--intervals 0.8,0.95] [--csv FILE] [--series ID | --all-series] [--json]
      Forecast N steps beyond the end of the run's data, with real time stamps and
      split-conformal prediction intervals sized on the validation windows. Steps beyond
      the model's horizon are forecast recursively. --csv writes time, forecast,
      lower_80, upper_80, … (spreadsheet formulas neutralized). A model over all series
      forecasts the series --series ID (the first by default), or every series with
      --all-series (the CSV then starts with the series id).`,

  backtest: `  recurrent backtest --run DIR [--start N] [--step N] [--horizon N] [--retrain-every K] [--series ID] [--json]
      Rolling-origin evaluation over the whole series (default: from the validation start,
      the model's horizon), beside the naive, seasonal-naive and moving-average forecasts.
      --retrain-every K trains a fresh model from the run's spec on the data before the
      origin every K folds (at most 20 epochs each).`,

  predict: `  recurrent predict --run DIR [--json] and, by the run's task:
      forecast:             --data FILE [--out FILE]
          Check FILE against the columns the model was trained on, forecast from every window
          and write a CSV (default: FILE-predictions.csv beside it).
      text classification:  --data FILE [--out FILE]   or   --text "a text" [--text "another" …]
          Classify every text of FILE (the column the model was trained on, else the first
          text column) into a CSV with the predicted class, each class's probability and the
          share of words the model never saw; or classify the texts given. A warning says when
          much of a text is unknown to the model.
      sequence classification: --data FILE [--out FILE]
          Classify every sequence of FILE, shaped like the training data (one per row, or one
          per id with its rows in time order; no label column needed), into a CSV with the
          predicted class and each class's probability.
      sequence labeling:    --data FILE [--out FILE]   or, for a word tagger, --text "a sentence" [--text …]
          Label every row of FILE, shaped like the training data (the id column, and the word
          column or the numeric columns; a CoNLL file of new sentences, tags not needed), into a
          CSV with the predicted label and its probability; when FILE holds the label column too,
          say how often they agree. A word tagger tags the words of each sentence given instead.
      text generation:      --seed "TEXT" [--length N] [--temperature T] [--random-seed N]
          Continue TEXT by N tokens (default 200) at temperature T (default 0.8; lower picks
          likelier tokens); --random-seed makes the output repeatable.
      sequence to sequence: --data FILE [--out FILE]   or   --text "a source" [--text "another" …]
                            [--decoding greedy|beam|sample] [--beam-width N] [--temperature T] [--max-length N]
          Write the output for every source of FILE (the column the model was trained on, else
          the first text column) into a CSV with the tokens of each source the model never saw,
          or for the sources given. The run's decoding applies unless the flags change it:
          greedy takes the likeliest token, beam keeps the N likeliest outputs (1-64), sample
          draws at temperature T (above 0, at most 10); --max-length caps the tokens written.
          A source with tokens the model never saw, or longer than it reads, gets a warning;
          an empty source is refused.`,

  export: `  recurrent export --run DIR --format tfjs|keras|onnx|bundle|keras-project --out PATH [--plan PLAN.json] [--json]
      Export the run's model: a TensorFlow.js folder, a Keras .keras file, an ONNX file or
      a zip bundle with preprocessing and example scripts. keras-project writes a folder
      with a Python project that retrains the forecast (of one series, or one network over
      all series of a file) or text classifier in Keras 3
      (train.py, prepare.py, evaluate.py, model.py; one machine, several with TF_CONFIG, or
      Ray); --plan PLAN.json (a search plan, as for recurrent search) adds its trials for
      search.py, which runs them with Ray Tune. A sequence-to-sequence model exports ONNX and
      Keras as two graphs, PATH.encoder.* and PATH.decoder_step.*; its bundle holds both with
      scripts that decode as the app does (no training project for it yet). An ensemble
      (trained with --ensemble) exports to ONNX and TensorFlow.js, both answering as the app does
      (the median forecast, the mean class probabilities), and to a bundle with both and no
      Keras file; the Keras formats refuse it.`,

  'import-keras': `  recurrent import-keras MODEL.keras --out DIR [--preprocessing FILE.json] [--json]
      Import a Keras 3 Sequential model as a run when it fits the preparation in FILE.json
      (default: preprocessing.json beside the model, as a training project writes it):
      the window shape, the outputs and the layers are checked, others are refused with
      the reason. The run is scored on the spec's data file like a trained run (a model
      over several series: each series with its own scalers, scored per series).`,

  'import-ray': `  recurrent import-ray RESULTS_DIR --out DIR [--json]
      Import the trials of a Ray Tune search that a training project's search.py ran
      (RESULTS_DIR: ray-results/search) as runs DIR/trial-N, each scored on its data file
      like a trained run. Trials that failed or whose files are damaged are listed with the
      reason; the others still come in.`,

  search: `  recurrent search --spec SPEC.json --plan PLAN.json --out DIR [--json]
      Hyperparameter search: grid or random over spec paths (units, layers, cell type,
      learning rate, window length, dropout …), runs one after another, each into
      DIR/<runId>/, and writes DIR/search.json with every run's score and the best run.
      PLAN.json: {"mode": "grid"|"random", "maxRuns": N, "seed": 1, "dimensions":
      [{"path": "model.cell", "values": ["LSTM", "GRU"]},
       {"path": "training.optimizer.learningRate", "range": {"min": 1e-4, "max": 1e-2, "log": true, "integer": false}}]}
  recurrent search --automatic --spec SPEC.json --out DIR [--budget 2m] [--json]
      Automatic search for a forecast of one series: successive halving over cell (LSTM, GRU,
      SimpleRNN), layer size, window and target transform, each candidate trained on the data
      before each stretch of rolling origins and scored there. Within the budget (90s, 2m, 1h;
      2m by default) it stops rungs when time runs out and keeps the best finished candidate,
      which then trains on all the data as an ordinary run into DIR/<searchId>-final/; its
      verdict says what was searched and how the winner compared with naive and seasonal naive.`,
};

const FOOTER = `Tasks: forecast, sequence-classification, text-classification, text-generation, sequence-labeling,
sequence-to-sequence.
Exit codes: 0 success; 2 bad usage or bad input (an unknown option, a missing or unreadable
file, a device or folder where a file belongs, a data file without the spec's columns, a run
folder without a usable model); 1 the run failed (training diverged, the disk filled up).
Every error is one message on stderr; with --json it is one line on stdout instead:
{"type":"error","code":"usage"|"bad-input"|"io"|"failed","exit":2|1,"message":"…"}.
A run killed while training is reported as interrupted, with its checkpoint and the
--continue-from command that resumes it.
`;

/** The help of one command, with the footer; undefined for an unknown command. */
export function commandHelp(command: string): string | undefined {
  const body = COMMAND_HELP[command];
  return body === undefined ? undefined : `Usage:\n${body}\n\n${FOOTER}`;
}

export const HELP = `Recurrent Studio command line — the same engine as the app, without the windows.

Usage:
${Object.values(COMMAND_HELP).join('\n\n')}

  recurrent --help | --version | <command> --help

${FOOTER}`;
