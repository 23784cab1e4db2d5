/**
 * A generated set of related monthly series, the kind a global model is for: every series
 * shares one of a few seasonal shapes, at its own level and scale, with its own noise, length
 * and start month (stores, products or regions of one business).
 */
import { writeFile } from 'node:fs/promises';
import { seededGaussian, seededUniform } from '../forecast/helpers/random';

export interface RelatedSeries {
  id: string;
  /** Months after 2000-01 of the first value. */
  start: number;
  values: Float64Array;
}

/** Three yearly shapes the series draw from (two harmonics each, unit amplitude). */
const SHAPES = [
  (m: number) => Math.sin((2 * Math.PI * m) / 12) + 0.4 * Math.cos((4 * Math.PI * m) / 12 + 0.5),
  (m: number) => Math.cos((2 * Math.PI * m) / 12) - 0.3 * Math.sin((4 * Math.PI * m) / 12),
  (m: number) => (m === 10 || m === 11 ? 2.5 : -0.4) + 0.3 * Math.sin((2 * Math.PI * m) / 12),
];

/**
 * `count` series of `minLength` to `maxLength` months: level 20–2000, season 10–30% of the
 * level, noise 3–10% of the level, a small trend; seeded, so every run sees the same set.
 */
export function relatedSeries(count: number, seed = 21, minLength = 60, maxLength = 120): RelatedSeries[] {
  const u = seededUniform(seed);
  const g = seededGaussian(seed + 1);
  return Array.from({ length: count }, (_, i) => {
    const length = Math.round(minLength + u() * (maxLength - minLength));
    const start = Math.floor(u() * 24);
    const level = 20 * 100 ** u();
    const amplitude = level * (0.1 + 0.2 * u());
    const noise = level * (0.03 + 0.07 * u());
    const trend = level * 0.002 * (u() - 0.3);
    const shape = SHAPES[i % SHAPES.length];
    const values = Float64Array.from({ length }, (_, t) => {
      const month = (start + t) % 12;
      return level + trend * t + amplitude * shape(month) + noise * g();
    });
    return { id: `s${String(i + 1).padStart(3, '0')}`, start, values };
  });
}

/** Writes the series in long format: `id,month,value`, one row per series and month. */
export async function writeLongCsv(file: string, series: RelatedSeries[]): Promise<void> {
  const lines = ['id,month,value'];
  for (const s of series) {
    for (let t = 0; t < s.values.length; t++) {
      const date = new Date(Date.UTC(2000, s.start + t, 1)).toISOString().slice(0, 10);
      lines.push(`${s.id},${date},${s.values[t].toFixed(4)}`);
    }
  }
  await writeFile(file, `${lines.join('\n')}\n`);
}
