// Regenerates the derived and synthetic sample data files in resources/samples:
//   node resources/samples/generators/make-samples.mjs
// - elnino-sst-monthly.csv: elnino-monthly-wide.csv reshaped to one row per month (real data);
// - activity-accelerometer.csv: synthetic three-axis accelerometer recordings of five activities;
// - movie-reviews-sentiment.csv: short reviews composed from phrase templates, in pairs that
//   differ only by a negation, so a model has to read "not" / "never" / "n't" to get them right.
// Seeded, so the files come out identical on every run.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './seeded.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..');

function gaussian(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function elNino() {
  const lines = readFileSync(join(dir, 'elnino-monthly-wide.csv'), 'utf8').trim().split(/\r?\n/);
  const out = ['month,sst'];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const year = cells[0].replace(/"/g, '');
    cells.slice(1).forEach((v, m) => {
      if (v.trim() !== '') out.push(`${year}-${String(m + 1).padStart(2, '0')}-01,${Number(v).toFixed(2)}`);
    });
  }
  writeFileSync(join(dir, 'elnino-sst-monthly.csv'), `${out.join('\n')}\n`);
}

/** One recording: 64 steps at 20 Hz of acceleration in g, device axes x (forward), y (side), z (up). */
function recording(activity, random) {
  const steps = 64;
  const hz = 20;
  const jitter = (x, amount) => x * (1 + amount * (random() * 2 - 1));
  const phase = random() * 2 * Math.PI;
  // Each wearer holds the phone a little differently: tilt mixes gravity into x and y.
  const tiltX = jitter(0.08, 1) * (random() < 0.5 ? -1 : 1);
  const tiltY = jitter(0.05, 1) * (random() < 0.5 ? -1 : 1);
  const noise = 0.03;
  const rows = [];
  const p = {
    walking: { f: jitter(1.8, 0.12), z: jitter(0.28, 0.2), x: jitter(0.14, 0.25), y: jitter(0.09, 0.25), impact: 0 },
    running: { f: jitter(2.7, 0.1), z: jitter(0.85, 0.2), x: jitter(0.3, 0.25), y: jitter(0.16, 0.25), impact: 0.5 },
    'climbing stairs': {
      f: jitter(1.4, 0.12),
      z: jitter(0.38, 0.2),
      x: jitter(0.22, 0.25),
      y: jitter(0.07, 0.25),
      impact: 0,
    },
    sitting: { f: 0, z: 0, x: 0, y: 0, impact: 0 },
    standing: { f: jitter(0.3, 0.3), z: 0.01, x: 0.025, y: 0.02, impact: 0 },
  }[activity];
  // Sitting: the phone lies in a trouser pocket, tilted well away from upright.
  const rest =
    activity === 'sitting'
      ? { x: jitter(0.55, 0.2), y: jitter(0.15, 0.5), z: jitter(0.8, 0.1) }
      : { x: tiltX, y: tiltY, z: 1 };
  let drift = 0;
  for (let s = 0; s < steps; s++) {
    const t = s / hz;
    const w = 2 * Math.PI * p.f * t + phase;
    drift += 0.004 * gaussian(random);
    // Foot strikes: a short spike once per stride when running.
    const strike = p.impact * Math.max(0, Math.cos(w)) ** 12;
    // Stairs: a forward push on every step and a second harmonic from lifting the body.
    const lift = activity === 'climbing stairs' ? 0.12 * Math.sin(2 * w) + 0.1 : 0;
    const ax = rest.x + p.x * Math.sin(w + 0.6) + lift + drift + noise * gaussian(random);
    const ay = rest.y + p.y * Math.sin(w / 2) + noise * gaussian(random);
    const az = rest.z + p.z * Math.sin(w) + strike + noise * gaussian(random);
    rows.push([t.toFixed(2), ax.toFixed(3), ay.toFixed(3), az.toFixed(3)]);
  }
  return rows;
}

function accelerometer() {
  const random = mulberry32(20240607);
  const activities = ['walking', 'running', 'climbing stairs', 'sitting', 'standing'];
  const perActivity = 36;
  const order = [];
  for (const a of activities) for (let i = 0; i < perActivity; i++) order.push(a);
  // Shuffled so that no split holds only one activity.
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const out = ['recording,t,acc_x,acc_y,acc_z,activity'];
  order.forEach((activity, n) => {
    const id = `rec-${String(n + 1).padStart(3, '0')}`;
    for (const r of recording(activity, random)) out.push(`${id},${r.join(',')},${activity}`);
  });
  writeFileSync(join(dir, 'activity-accelerometer.csv'), `${out.join('\n')}\n`);
}

function reviews() {
  const random = mulberry32(7);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const subjects = [
    'the acting',
    'the plot',
    'the soundtrack',
    'the ending',
    'the dialogue',
    'the pacing',
    'the script',
    'the cast',
    'the story',
    'the camera work',
    'the humour',
    'the lead performance',
    'this film',
    'the movie',
    'the sequel',
    'the second half',
    'the opening scene',
    'the score',
    'the characters',
    'the direction',
  ];
  const good = [
    'good',
    'great',
    'brilliant',
    'wonderful',
    'funny',
    'moving',
    'clever',
    'gripping',
    'charming',
    'beautiful',
    'exciting',
    'believable',
  ];
  const bad = [
    'bad',
    'boring',
    'dull',
    'awful',
    'predictable',
    'clumsy',
    'forgettable',
    'weak',
    'tedious',
    'silly',
    'confusing',
    'lifeless',
  ];
  const be = (s) => (/(cast|characters)$/.test(s) ? ['were', "weren't", 'were not'] : ['was', "wasn't", 'was not']);
  const cap = (s) => s[0].toUpperCase() + s.slice(1);

  // Each template gives a sentence and its sentiment; `neg` templates flip the adjective's polarity.
  const templates = [
    () => {
      const s = pick(subjects),
        a = pick(good);
      return [
        [`${cap(s)} ${be(s)[0]} ${a}.`, 1],
        [`${cap(s)} ${be(s)[pick([1, 2])]} ${a}.`, 0],
      ];
    },
    () => {
      const s = pick(subjects),
        a = pick(bad);
      return [
        [`${cap(s)} ${be(s)[0]} ${a}.`, 0],
        [`${cap(s)} ${be(s)[pick([1, 2])]} ${a} at all.`, 1],
      ];
    },
    () => {
      const s = pick(subjects);
      return [
        [`I loved ${s}.`, 1],
        [`I didn't love ${s}.`, 0],
      ];
    },
    () => {
      const s = pick(subjects);
      return [
        [`I really enjoyed ${s}.`, 1],
        [`I did not enjoy ${s}.`, 0],
      ];
    },
    () => {
      const a = pick(bad);
      return [
        [`Never ${a}, not for a single minute.`, 1],
        [`Always ${a}, from start to finish.`, 0],
      ];
    },
    () => {
      const a = pick(good);
      return [
        [`It was never ${a}.`, 0],
        [`It was always ${a}.`, 1],
      ];
    },
    () => [
      [pick(['Not bad at all.', 'Honestly not bad.', 'Not bad, not bad at all.']), 1],
      [pick(['Not good at all.', 'Honestly not good.', 'Just not good.']), 0],
    ],
    () => [
      [`I would recommend it to ${pick(['anyone', 'my friends', 'everyone', 'my family'])}.`, 1],
      [`I would not recommend it to ${pick(['anyone', 'my friends', 'my worst enemy', 'my family'])}.`, 0],
    ],
    () => [
      [`I don't love ${pick(subjects)}, but I don't hate it either, and overall it was ${pick(good)}.`, 1],
      [`I don't hate ${pick(subjects)}, but overall it was ${pick(bad)}.`, 0],
    ],
    () => {
      const s = pick(subjects),
        a = pick(good);
      return [
        [`Nobody could call ${s} anything but ${a}.`, 1],
        [`Nobody could call ${s} ${a}.`, 0],
      ];
    },
    () => {
      const a = pick(bad);
      return [
        [`I wouldn't call it ${a}.`, 1],
        [`I would call it ${a}.`, 0],
      ];
    },
    () => {
      const a = pick(good);
      return [
        [`I can't say it was ${a}.`, 0],
        [`I can say it was truly ${a}.`, 1],
      ];
    },
    () => {
      const s = pick(subjects);
      return [
        [`${cap(s)} never failed to surprise me.`, 1],
        [`${cap(s)} never managed to surprise me.`, 0],
      ];
    },
    () => [
      [`Worth every minute.`, 1],
      [`Not worth a minute of my time.`, 0],
    ],
    () => {
      const a = pick(good),
        b = pick(bad);
      return [
        [`Far from ${b}: ${a} from the first scene.`, 1],
        [`Far from ${a}: ${b} from the first scene.`, 0],
      ];
    },
    () => [
      [`I didn't expect much, but it was ${pick(good)}.`, 1],
      [`I expected a lot, but it was ${pick(bad)}.`, 0],
    ],
    () => [
      [`No complaints, ${pick(['a', 'a really', 'a truly'])} ${pick(good)} film.`, 1],
      [`No surprises, ${pick(['a', 'a really', 'a truly'])} ${pick(bad)} film.`, 0],
    ],
    () => {
      const s = pick(subjects);
      return [
        [`${cap(s)} didn't disappoint.`, 1],
        [`${cap(s)} did disappoint.`, 0],
      ];
    },
    () => [
      [`Don't miss it.`, 1],
      [`Don't bother.`, 0],
    ],
    () => [
      [`Hardly ${pick(bad)}; I had a good time.`, 1],
      [`Hardly ${pick(good)}; I was bored.`, 0],
    ],
  ];
  const seen = new Set();
  const rows = [];
  for (let guard = 0; rows.length < 480 && guard < 100_000; guard++) {
    for (const [text, label] of pick(templates)()) {
      if (seen.has(text)) continue;
      seen.add(text);
      rows.push([text, label ? 'positive' : 'negative']);
    }
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  const quote = (s) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(
    join(dir, 'movie-reviews-sentiment.csv'),
    `review,sentiment\n${rows.map(([t, l]) => `${quote(t)},${l}`).join('\n')}\n`,
  );
}

elNino();
accelerometer();
reviews();
