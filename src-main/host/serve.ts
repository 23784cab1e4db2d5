/**
 * Entry of the browser host (`npm run serve`): the whole app in the user's browser, served
 * from this machine only. Prints the address to open, token included.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StudioService } from '../services/studio-service';
import { openInBrowser } from './open-browser';
import { parseServeOptions } from './serve-options';
import { startHostServer } from './server';

/** The bundle lives in out/main; the renderer in out/renderer, package.json two levels up. */
const staticDir = fileURLToPath(new URL('../renderer', import.meta.url));

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  const options = parseServeOptions(process.argv.slice(2));
  const service = new StudioService({ dataDir: options.dataDir, host: 'browser', version: appVersion() });
  const server = await startHostServer({ service, staticDir, port: options.port, token: options.token });
  process.stdout.write(`Recurrent Studio is running. Open this address in your browser:\n\n  ${server.url}\n\n`);
  if (options.open && !(await openInBrowser(server.url))) {
    process.stdout.write('Could not open a browser here: open the address above yourself.\n');
  }
  process.stdout.write('Press Ctrl+C to stop.\n');
  const stop = async () => {
    await service.dispose();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  const message =
    (err as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE'
      ? 'The port is already in use (is Recurrent Studio already running?). Start with --port 0 to pick a free port.'
      : err instanceof Error
        ? err.message
        : String(err);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
