/**
 * The shared spec module builds zod schemas when it loads. Zod probes for `new Function` to
 * compile fast parsers, which the renderer's Content-Security-Policy (no 'unsafe-eval')
 * reports as a violation. Switching zod to its interpreted mode before any schema exists
 * keeps the console clean; parsing is rare in the renderer, so speed does not matter.
 * Import this module first.
 */
import { config } from 'zod';

config({ jitless: true });
