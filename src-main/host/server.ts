/**
 * The browser host: serves the built renderer and the API (one WebSocket) on 127.0.0.1,
 * so the app runs in any browser on the user's machine. Every HTTP request and upgrade
 * passes the guard in request-guard.ts first.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline, type Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { HOST_API_PATH, type HostServerMessage } from '../shared/host-protocol';
import { MAX_SOCKET_MESSAGE_BYTES } from '../shared/upload-limit';
import type { StudioService } from '../services/studio-service';
import { contentSecurityPolicy } from './content-security-policy';
import { allowedHosts, checkRequest, checkUpgrade, tokenCookie, type GuardConfig } from './request-guard';
import { serveSocket } from './socket-session';
import { openStaticFile, resolveStaticFile } from './static-files';

export interface HostServerOptions {
  service: Pick<StudioService, 'handle' | 'subscribe'>;
  /** Folder of the built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** The largest WebSocket message accepted; one upload by default (tests lower it). */
  maxMessageBytes?: number;
}

export interface HostServer {
  port: number;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and resolves once it listens. */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const guard: GuardConfig = { port: options.port, token: options.token };
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? MAX_SOCKET_MESSAGE_BYTES,
    // Compressed messages could inflate far past maxPayload's intent; the UI sends none.
    perMessageDeflate: false,
  });
  const server = createServer((req, res) => {
    void serveHttp(req, res, guard, options.staticDir).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error.');
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the raw socket over without its own error listener: a reset during the
    // handshake would otherwise be an uncaught 'error' that ends the process.
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const verdict = path === HOST_API_PATH ? checkUpgrade(req, guard) : null;
    if (!verdict?.ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.service));
  });

  const unsubscribe = options.service.subscribe((event) => {
    const text = JSON.stringify(event satisfies HostServerMessage);
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  // Once listening, a failure to accept one connection (too many open files) must not end the host.
  server.on('error', (err) => process.stderr.write(`Browser host: ${err.message}\n`));
  // With port 0 the real port is known only now; the guard must check against it.
  guard.port = (server.address() as AddressInfo).port;

  return {
    port: guard.port,
    url: `http://127.0.0.1:${guard.port}/?token=${encodeURIComponent(options.token)}`,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(allowedHosts(port).map((h) => `ws://${h}`)),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

async function serveHttp(req: IncomingMessage, res: ServerResponse, guard: GuardConfig, staticDir: string) {
  const headers = securityHeaders(guard.port);
  const verdict = checkRequest(req, guard);
  if (!verdict.ok) {
    res.writeHead(verdict.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(verdict.reason);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (verdict.tokenFromQuery) {
    // Trade the token in the address bar for a cookie, so it does not linger in history or bookmarks.
    res.writeHead(303, {
      ...headers,
      'Set-Cookie': tokenCookie(guard),
      Location: url.pathname,
      'Cache-Control': 'no-store',
    });
    res.end();
    return;
  }
  const file = await resolveStaticFile(staticDir, url.pathname);
  if (!file) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found.');
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    // Asset names carry content hashes; the index must always be fresh to point at the current ones.
    'Cache-Control': file.isIndex ? 'no-store' : 'private, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // pipeline ends the response when the file cannot be read (deleted or replaced meanwhile).
  pipeline(openStaticFile(file), res, () => undefined);
}
