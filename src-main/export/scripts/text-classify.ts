/**
 * predict.cjs / predict.py of a text-classification bundle: class probabilities of texts given on
 * the command line or in a file, encoded exactly as the app encodes them.
 */
import { TEXT_COMMON_JS, TEXT_COMMON_PY } from './text-common';

export const CLASSIFY_JS = String.raw`// Classify texts with the exported model exactly as Recurrent Studio does.
// Usage: node predict.cjs "first text" ["second text" ...]
//        node predict.cjs --file texts.txt        (one text per line)
// Prints one JSON object per text: class label -> probability.  Needs: npm install @tensorflow/tfjs-node
${TEXT_COMMON_JS}
/** Class probabilities of each text, in the order of pre.classes. */
async function classify(texts) {
  const model = await loadModel();
  try {
    return model.run(texts.map((t) => fitLength(encode(t)))).map((out) => {
      // One sigmoid unit is the probability of the second class.
      const probabilities = out.length === 1 ? [1 - out[0], out[0]] : out;
      return Object.fromEntries(pre.classes.map((label, i) => [label, probabilities[i]]));
    });
  } finally {
    model.dispose();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const texts = args[0] === '--file' ? fs.readFileSync(args[1], 'utf8').split(/\r?\n/).filter((l) => l !== '') : args;
  classify(texts).then(
    (results) => results.forEach((r) => console.log(JSON.stringify(r))),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}

module.exports = { classify, encode, fitLength, tokenize };
`;

export const CLASSIFY_PY = String.raw`"""Classify texts with the exported model exactly as Recurrent Studio does.

Usage: python predict.py "first text" ["second text" ...]
       python predict.py --file texts.txt        (one text per line)
Prints one JSON object per text: class label -> probability.
Needs: pip install onnxruntime numpy
"""
${TEXT_COMMON_PY}

def classify(texts):
    """Class probabilities of each text, in the order of pre["classes"]."""
    run = load_model()
    results = []
    for out in run([fit_length(encode(t)) for t in texts]):
        # One sigmoid unit is the probability of the second class.
        probabilities = [1 - out[0], out[0]] if out.size == 1 else out
        results.append({label: float(p) for label, p in zip(pre["classes"], probabilities)})
    return results


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--file"]:
        with open(args[1], encoding="utf-8") as f:
            args = [line.rstrip("\r\n") for line in f if line.rstrip("\r\n")]
    for result in classify(args):
        print(json.dumps(result, ensure_ascii=False))
`;
