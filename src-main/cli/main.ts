#!/usr/bin/env node
/** `recurrent`: the command line over the same engine as the app. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataError } from '../data/data-error';
import { HELP } from './help';
import { EXIT, processIo, type CliIo } from './io';
import { runInit } from './commands/init';
import { runInspect } from './commands/inspect';
import { runTrain } from './commands/train';
import { runBacktestCommand } from './commands/backtest';
import { runEvaluate } from './commands/evaluate';
import { runExport } from './commands/export';
import { runForecast } from './commands/forecast';
import { runPredict } from './commands/predict';
import { runSearch } from './commands/search';
import { APP_VERSION } from '../shared/version';
import { messageOf } from '../shared/error-message';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  inspect: runInspect,
  init: runInit,
  train: runTrain,
  forecast: runForecast,
  backtest: runBacktestCommand,
  evaluate: runEvaluate,
  predict: runPredict,
  export: runExport,
  search: runSearch,
};

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (command === '--version') {
    io.out(APP_VERSION);
    return EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`Unknown command "${command}". Run \`recurrent --help\` for the commands.`);
    return EXIT.usage;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    const message = messageOf(error);
    // parseArgs and data problems are the user's to fix: usage exit code, no stack trace.
    const usage = error instanceof DataError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.err(message);
    return usage ? EXIT.usage : EXIT.failed;
  }
}

/** True when this file is the program being run, also through npm's `recurrent` link to it. */
function invokedDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
