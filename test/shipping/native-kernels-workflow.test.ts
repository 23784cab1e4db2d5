/**
 * The CI workflow that builds our native kernels on Linux, Windows and macOS cannot run on these
 * machines; this keeps it at least well-formed and pointing at things that exist: valid YAML, the
 * three systems in its matrix, every step runnable, and every script and test folder it names
 * present in the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml ships no types of its own; this is the one function used.
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

const root = path.resolve(__dirname, '..', '..');
const file = path.join(root, '.github', 'workflows', 'native-kernels.yml');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}
interface Workflow {
  name: string;
  on: unknown;
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix?: { os?: string[] } }; steps: Step[] }>;
}

const workflow = load(readFileSync(file, 'utf8')) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const commands = steps.flatMap((s) => (s.run ? [s.run] : []));

describe('the native kernels CI workflow', () => {
  it('is YAML with a name, triggers and at least one job', () => {
    expect(workflow.name).toEqual(expect.any(String));
    expect(workflow.on).toBeTruthy();
    expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
  });

  it('builds on Linux, Windows and macOS', () => {
    const systems = Object.values(workflow.jobs).flatMap((job) => job.strategy?.matrix?.os ?? [job['runs-on']]);
    for (const system of ['ubuntu', 'windows', 'macos']) {
      expect(
        systems.some((s) => s.startsWith(system)),
        system,
      ).toBe(true);
    }
  });

  it('has only steps that either use an action or run a command', () => {
    for (const step of steps) expect(Boolean(step.uses) !== Boolean(step.run), JSON.stringify(step)).toBe(true);
  });

  it('names only scripts that exist', () => {
    const scripts = commands.flatMap((c) => [...c.matchAll(/node (\S+\.mjs)/g)].map((m) => m[1]));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(existsSync(path.join(root, script)), script).toBe(true);
  });

  it('runs test folders that exist', () => {
    const vitest = commands.filter((c) => c.includes('vitest run'));
    expect(vitest.length).toBeGreaterThan(0);
    const folders = vitest.flatMap((c) => c.split(/\s+/).filter((word) => word.startsWith('test/')));
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) expect(existsSync(path.join(root, folder)), folder).toBe(true);
  });
});
