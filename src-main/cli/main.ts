#!/usr/bin/env node
/** `recurrent`: the command line over the same engine as the app. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeCliError, reportFailure, usageError } from './cli-errors';
import { HELP, commandHelp } from './help';
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
import { runImportKeras } from './commands/import-keras';
import { runImportRay } from './commands/import-ray';
import { APP_VERSION } from '../shared/version';

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
  'import-keras': runImportKeras,
  'import-ray': runImportRay,
};

/** Every command `recurrent` knows. */
export const COMMAND_NAMES = Object.keys(COMMANDS);

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
  const json = rest.includes('--json');
  const run = COMMANDS[command];
  if (!run) {
    return reportFailure(
      io,
      describeCliError(usageError(`Unknown command "${command}". Run \`recurrent --help\` for the commands.`)),
      json,
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command) ?? HELP);
    return EXIT.ok;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    // One message per error, as JSON with --json; the exit code says whose it is to fix (see io.ts).
    return reportFailure(io, describeCliError(error, `run recurrent ${command}`), json);
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
