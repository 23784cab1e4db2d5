/**
 * The browser host: serves the built renderer and the API (one WebSocket) on 127.0.0.1,
 * so the app runs in any browser on the user's machine. Every HTTP request and upgrade
 * passes the guard in request-guard.ts first.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOST_API_PATH, type HostRequestMessage, type HostServerMessage } from '../shared/host-protocol';
import type { StudioService } from '../services/studio-service';
import { contentSecurityPolicy } from './content-security-policy';
import { allowedHosts, checkRequest, checkUpgrade, tokenCookie, type GuardConfig } from './request-guard';
import { openStaticFile, resolveStaticFile } from './static-files';

export interface HostServerOptions {
  service: Pick<StudioService, 'handle' | 'subscribe'>;
  /** Folder of the built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
}

export interface HostServer {
  port: number;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

/** Uploads arrive base64-encoded in one message; this bounds a file to about 190 MB. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** Starts the server on 127.0.0.1 and resolves once it listens. */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const guard: GuardConfig = { port: options.port, token: options.token };
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const server = createServer((req, res) => {
    void serveHttp(req, res, guard, options.staticDir).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error.');
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
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
  openStaticFile(file).pipe(res);
}

function serveSocket(ws: WebSocket, service: HostServerOptions['service']): void {
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let message: Partial<HostRequestMessage>;
    try {
      message = JSON.parse(data.toString()) as Partial<HostRequestMessage>;
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null || typeof message.id !== 'number') return;
    const id = message.id;
    void service.handle(String(message.name), message.args).then((envelope) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, envelope } satisfies HostServerMessage));
    });
  });
}
