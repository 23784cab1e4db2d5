/**
 * Who may talk to the browser host. It listens on loopback only, but any web page the user
 * visits can still reach 127.0.0.1: so every request must carry the per-launch token (query
 * on first load, then an HttpOnly cookie), name our own host (against DNS rebinding), and
 * WebSocket upgrades must come from our own origin.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface GuardConfig {
  port: number;
  token: string;
}

/** The loopback names the UI may use to reach us. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Cookie names are not port-specific in browsers, so the port is part of ours. */
export function tokenCookieName(port: number): string {
  return `recurrent_token_${port}`;
}

/** The Set-Cookie value that remembers the token for later requests. */
export function tokenCookie(config: GuardConfig): string {
  return `${tokenCookieName(config.port)}=${config.token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Constant-time comparison so the token cannot be guessed byte by byte from timings. */
export function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export type GuardVerdict = { ok: true; tokenFromQuery: boolean } | { ok: false; status: 403; reason: string };

/** Checks Host and token of an HTTP request or WebSocket upgrade. */
export function checkRequest(req: IncomingMessage, config: GuardConfig): GuardVerdict {
  if (!allowedHosts(config.port).includes(req.headers.host ?? '')) {
    return { ok: false, status: 403, reason: 'Unknown host.' };
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (sameToken(url.searchParams.get('token'), config.token)) return { ok: true, tokenFromQuery: true };
  if (sameToken(cookieValue(req.headers.cookie, tokenCookieName(config.port)), config.token)) {
    return { ok: true, tokenFromQuery: false };
  }
  return { ok: false, status: 403, reason: 'Open Recurrent Studio with the link printed when it started.' };
}

/** Checks a WebSocket upgrade: Host and token as for HTTP, plus our own Origin. */
export function checkUpgrade(req: IncomingMessage, config: GuardConfig): GuardVerdict {
  const verdict = checkRequest(req, config);
  if (!verdict.ok) return verdict;
  // The Origin must match the Host used, so a page on localhost cannot drive 127.0.0.1 and vice versa.
  if (req.headers.origin !== `http://${req.headers.host}`) {
    return { ok: false, status: 403, reason: 'Cross-origin connection refused.' };
  }
  return verdict;
}
