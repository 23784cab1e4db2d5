#!/usr/bin/env node
/**
 * The installed `recurrent` command. A committed wrapper rather than the built out/main/cli.js
 * itself, because every build rewrites that file without its execute bit.
 */
const entry = new URL('../out/main/cli.js', import.meta.url);

let cli;
try {
  cli = await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('cli.js')) {
    process.stderr.write('The command line is not built yet: run `npm run build` first.\n');
    process.exit(2);
  }
  throw error;
}
process.exitCode = await cli.runCli(process.argv.slice(2));
