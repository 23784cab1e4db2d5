/**
 * The Content-Security-Policy of the renderer, shared by the Electron window and the browser
 * host so both run the UI under the same rules: only our own scripts, no remote anything.
 */

const BASE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  // Vue and Chart.js set style attributes at runtime.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** The policy; `apiOrigin` (ws://host:port) is allowed as a connect source when the UI talks over a WebSocket. */
export function contentSecurityPolicy(apiOrigins: string[] = []): string {
  return [...BASE_DIRECTIVES, `connect-src 'self' ${apiOrigins.join(' ')}`.trim()].join('; ');
}
