import { classificationCases } from './classification-cases';
import { defaultSpec, trainClassifier } from './run-classification';
for (const c of classificationCases()) {
  const d = await defaultSpec(c);
  const acc: number[] = [];
  for (let k = 0; k < 5; k++) {
    const r = await trainClassifier('e', { ...d, training: { ...d.training, seed: 42 + k, ensemble: 3 } });
    acc.push(r.accuracy);
  }
  console.log(`${c.part} ${c.name}: ensemble 3 mean ${(acc.reduce((a, b) => a + b, 0) / 5).toFixed(3)} [${acc.map((a) => a.toFixed(3)).join(', ')}]`);
}
