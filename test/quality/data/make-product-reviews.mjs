// Writes product-reviews-negation.csv: 640 one-sentence product reviews, composed (seeded) from
// templates in pairs that differ only by a negation or by swapping the adjective's polarity, so
// the label is carried by word order ("not reliable" vs "reliable"), as in the movie-review
// sample. Its subjects, adjectives and templates share no template with that sample: the suite
// holds it out to check the text defaults on data they were not tuned on.
// Run: node test/quality/data/make-product-reviews.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(2024);
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const subjects = [
  'the battery',
  'the screen',
  'the charger',
  'the blender',
  'this kettle',
  'the strap',
  'the lid',
  'the keyboard',
  'the speaker',
  'the camera',
  'the zipper',
  'the handle',
  'the app',
  'the fan',
  'the lamp',
  'this backpack',
  'the mattress',
  'the vacuum',
  'the printer',
  'the headset',
];
const good = [
  'reliable',
  'sturdy',
  'quiet',
  'comfortable',
  'durable',
  'bright',
  'responsive',
  'solid',
  'handy',
  'worth it',
];
const bad = ['flimsy', 'noisy', 'fragile', 'useless', 'awkward', 'cheap', 'faulty', 'slow', 'loose', 'a waste'];
// Each template takes a subject and an adjective; `flip` says whether it reverses the adjective.
const templates = [
  { t: (s, a) => `${s} is ${a}.`, flip: false },
  { t: (s, a) => `${s} is not ${a}.`, flip: true },
  { t: (s, a) => `${s} isn't ${a} at all.`, flip: true },
  { t: (s, a) => `I found ${s} ${a}.`, flip: false },
  { t: (s, a) => `I never found ${s} ${a}.`, flip: true },
  { t: (s, a) => `honestly, ${s} turned out ${a}.`, flip: false },
  { t: (s, a) => `sadly ${s} did not seem ${a}.`, flip: true },
  { t: (s, a) => `nobody would say ${s} is ${a}.`, flip: true },
];
const rows = new Set();
const out = [];
while (out.length < 640) {
  const positiveAdjective = random() < 0.5;
  const adjective = pick(positiveAdjective ? good : bad);
  const template = pick(templates);
  const sentence = template.t(pick(subjects), adjective);
  const text = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  if (rows.has(text)) continue;
  rows.add(text);
  out.push([text, positiveAdjective !== template.flip ? 'positive' : 'negative']);
}
const file = join(dirname(fileURLToPath(import.meta.url)), 'product-reviews-negation.csv');
writeFileSync(file, `review,sentiment\n${out.map(([t, l]) => `"${t}",${l}`).join('\n')}\n`);
