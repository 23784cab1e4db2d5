/**
 * Which URLs the desktop window may load, fetch and receive requests from. Kept free of
 * Electron imports so it can be tested without the Electron binary.
 */

export interface RendererLocation {
  /** file:// URL of the built renderer's folder (ends with '/'). */
  rendererDir: string;
  /** The electron-vite dev server during development, else null. */
  devServerUrl: string | null;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** True for a page of our renderer: a file inside its folder, or the dev server. */
export function isOwnPage(url: string | undefined | null, where: RendererLocation): boolean {
  if (!url) return false;
  if (url.startsWith(where.rendererDir) && !url.slice(where.rendererDir.length).split(/[?#]/)[0].includes('..')) {
    return true;
  }
  const dev = where.devServerUrl ? originOf(where.devServerUrl) : null;
  return dev !== null && originOf(url) === dev;
}

/**
 * True for a request the window may make: our own files, in-memory data (charts, downloads),
 * the dev tools, and the dev server (including its hot-reload socket). Everything else —
 * any network address — is cancelled: the app works offline and sends nothing anywhere.
 */
export function isAllowedRequest(url: string, where: RendererLocation): boolean {
  if (url.startsWith('devtools://') || url.startsWith('data:') || url.startsWith('blob:')) return true;
  if (url.startsWith('file://')) {
    // Compare the resolved URL, so `renderer/../main/…` (or its %2e%2e spelling) cannot step outside.
    try {
      return new URL(url).href.startsWith(where.rendererDir);
    } catch {
      return false;
    }
  }
  if (!where.devServerUrl) return false;
  const dev = new URL(where.devServerUrl);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const sameHost = target.hostname === dev.hostname && target.port === dev.port;
  return sameHost && ['http:', 'ws:'].includes(target.protocol);
}
