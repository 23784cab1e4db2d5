/**
 * Entry of `npm start` (after set-up) and `npm run dev`: runs the plan from launch-plan.ts,
 * one step after another, and exits with the first failing step's code.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, launchPlan, type LaunchMode, type LaunchStep } from './launch-plan';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function runStep(step: LaunchStep): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [step.script, ...step.args], { cwd: root, stdio: 'inherit' });
    // Ctrl+C reaches the child through the terminal; the launcher just waits for it to end.
    process.on('SIGINT', () => undefined);
    child.on('exit', (code, signal) => done(code ?? (signal ? 130 : 1)));
    child.on('error', (err) => {
      process.stderr.write(`Could not start ${step.script}: ${err.message}\n`);
      done(1);
    });
  });
}

async function main(): Promise<void> {
  const arg = process.argv[2] ?? 'start';
  if (arg !== 'start' && arg !== 'dev') {
    process.stderr.write(`Usage: launch start|dev (got "${arg}").\n`);
    process.exit(2);
  }
  const plan = launchPlan({
    mode: arg as LaunchMode,
    electron: electronBinary(join(root, 'node_modules', 'electron')),
    electronVite: join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    serveEntry: join(root, 'out', 'main', 'serve.js'),
    serveArgs: process.argv.slice(3),
  });
  if (plan.notice) process.stdout.write(`${plan.notice}\n`);
  for (const step of plan.steps) {
    const code = await runStep(step);
    if (code !== 0) process.exit(code);
  }
}

void main();
