/**
 * The fast subset of the quality suite (`npm run quality` runs all of it): the default
 * pipeline, untouched, must beat the baselines on a real yearly series, a real monthly one and
 * two synthetic seasonal series (a stable season, and a trend under a season), where it must also
 * beat seasonal naive and come within 10% of the noise floor.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCases, caseFolder } from './cases';
import { judge, ratioToBest } from './report';
import { runCase } from './run-case';
import type { QualityCase } from './run-case';

const FAST = ['nile volume (yearly)', 'us employment nonfarm', 'synthetic pure season', 'synthetic trend + season'];

describe('forecast quality (fast subset)', () => {
  let cases: QualityCase[] = [];
  let dir = '';
  beforeAll(async () => {
    dir = await caseFolder();
    cases = (await allCases(dir)).filter((c) => FAST.includes(c.name));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  for (const name of FAST) {
    it(`the default pipeline meets every target on ${name}`, async () => {
      const c = cases.find((x) => x.name === name);
      if (!c) throw new Error(`No quality case '${name}'.`);
      const r = await runCase(c);
      expect(judge(r).failures).toEqual([]);
      expect(ratioToBest(r)).toBeLessThan(1);
      // The verdict stays silent exactly when the model beats every baseline.
      expect(r.evaluation.verdict).toBeNull();
    });
  }
});
