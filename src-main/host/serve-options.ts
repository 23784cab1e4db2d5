/** Command-line options of the browser host (`npm run serve -- --port 4780 --data-dir DIR --open`). */
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServeOptions {
  port: number;
  dataDir: string;
  token: string;
  /** Open the default browser at the address once the server listens (`npm start` without Electron). */
  open: boolean;
}

export const DEFAULT_PORT = 4780;

/** Parses argv (without node and script); throws with a usage sentence on bad input. */
export function parseServeOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
  let port = DEFAULT_PORT;
  let dataDir = join(homedir(), '.recurrent-studio');
  let open = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--port' && value !== undefined) {
      port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${value}".`);
      }
      i++;
    } else if (flag === '--open') {
      open = true;
    } else if (flag === '--data-dir' && value !== undefined) {
      dataDir = resolve(value);
      i++;
    } else {
      throw new Error(`Unknown option "${flag}". Usage: serve [--port N] [--data-dir DIR] [--open]`);
    }
  }
  const fixed = env.RECURRENT_TOKEN;
  if (fixed !== undefined && !/^[A-Za-z0-9_-]{16,128}$/.test(fixed)) {
    throw new Error('RECURRENT_TOKEN must be 16 to 128 letters, digits, "-" or "_".');
  }
  // 192 random bits: unguessable by a page probing localhost.
  return { port, dataDir, token: fixed ?? randomBytes(24).toString('base64url'), open };
}
