import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { MAX_SOCKET_MESSAGE_BYTES } from '../../src-main/shared/upload-limit';
import { encodeFrame, textFrame } from '../fuzz/ws-frames';
import type { HostServerMessage } from '../../src-main/shared/host-protocol';
import { startHostServer, type HostServer } from '../../src-main/host/server';
import { StudioService } from '../../src-main/services/studio-service';
import { ScriptedLauncher, epoch, fakeDeps, yearlyCsv } from '../services/fixtures';

const TOKEN = 'test-token-0123456789abcdef';
let root: string;
let server: HostServer;
let service: StudioService;
const launcher = new ScriptedLauncher();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'host-server-'));
  const web = join(root, 'web');
  await mkdir(join(web, 'assets'), { recursive: true });
  await writeFile(join(web, 'index.html'), '<!doctype html><title>Studio</title>');
  await writeFile(join(web, 'assets', 'app.js'), 'console.log(1)');
  // Lives beside the served folder: no URL may reach it.
  await writeFile(join(root, 'secret.txt'), 'SECRET');
  service = new StudioService({ dataDir: join(root, 'data'), host: 'browser', version: '9.9.9' }, fakeDeps(launcher));
  server = await startHostServer({ service, staticDir: web, port: 0, token: TOKEN });
});

afterAll(async () => {
  await server.close();
  await service.dispose();
  await rm(root, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: fetch would normalise `..` out of the path before sending it. */
function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const cookie = () => `recurrent_token_${server.port}=${TOKEN}`;

function connect(headers: Record<string, string>, path = '/api'): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const ownOrigin = () => ({ Origin: `http://127.0.0.1:${server.port}`, Cookie: cookie() });

function nextMessage(ws: WebSocket, match: (m: HostServerMessage) => boolean): Promise<HostServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as HostServerMessage;
      if (match(message)) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('HTTP', () => {
  it('answers 403 without the token', async () => {
    const res = await get('/');
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('Studio</title>');
    expect((await get('/assets/app.js')).status).toBe(403);
    expect((await get('/?token=wrong-token-0123456789abcd')).status).toBe(403);
  });

  it('trades the token in the URL for an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await get(`/?token=${TOKEN}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toContain(`recurrent_token_${server.port}=${TOKEN}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('serves the index with security headers once the cookie is set', async () => {
    const res = await get('/', { Cookie: cookie() });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Studio</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const asset = await get('/assets/app.js', { Cookie: cookie() });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const res = await get('/', { Cookie: cookie(), Host: `evil.example:${server.port}` });
    expect(res.status).toBe(403);
    const localhost = await get('/', { Cookie: cookie(), Host: `localhost:${server.port}` });
    expect(localhost.status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00index.html',
  ])('refuses the traversal %s', async (path) => {
    const res = await get(path, { Cookie: cookie() });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('SECRET');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path: '/', method: 'POST', headers: { Cookie: cookie() } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
  });
});

describe('WebSocket API', () => {
  it('refuses a connection from another origin', async () => {
    await expect(connect({ Origin: 'http://evil.example', Cookie: cookie() })).rejects.toThrow('403');
    await expect(connect({ Origin: `http://localhost:${server.port}`, Cookie: cookie() })).rejects.toThrow('403');
  });

  it('refuses a connection without the token', async () => {
    await expect(connect({ Origin: `http://127.0.0.1:${server.port}` })).rejects.toThrow('403');
  });

  it('refuses a connection to another path or host', async () => {
    await expect(connect(ownOrigin(), '/other')).rejects.toThrow('403');
    await expect(connect({ ...ownOrigin(), Host: `evil.example:${server.port}` })).rejects.toThrow('403');
  });

  it('answers requests by id and pushes training events', async () => {
    const ws = await connect(ownOrigin());
    try {
      ws.send(JSON.stringify({ id: 1, name: 'app.info', args: undefined }));
      const info = await nextMessage(ws, (m) => 'id' in m && m.id === 1);
      expect(info).toMatchObject({ id: 1, envelope: { ok: true, value: { host: 'browser', version: '9.9.9' } } });

      ws.send(JSON.stringify({ id: 2, name: 'fs.read', args: {} }));
      const bad = await nextMessage(ws, (m) => 'id' in m && m.id === 2);
      expect(bad).toMatchObject({ envelope: { ok: false, error: { code: 'invalid-request' } } });

      // 60 rows: enough training windows with lookback 4 to pass the checks before training.
      const contentBase64 = Buffer.from(yearlyCsv(60)).toString('base64');
      ws.send(JSON.stringify({ id: 3, name: 'data.upload', args: { fileName: 'nile.csv', contentBase64 } }));
      const uploaded = await nextMessage(ws, (m) => 'id' in m && m.id === 3);
      if (!('id' in uploaded) || !uploaded.envelope.ok) throw new Error('upload failed');
      const { path } = uploaded.envelope.value as { path: string };

      const spec = { data: { file: path, targetColumns: ['flow'], lookback: 4 } };
      ws.send(JSON.stringify({ id: 4, name: 'train.start', args: { spec } }));
      const started = await nextMessage(ws, (m) => 'id' in m && m.id === 4);
      expect(started).toMatchObject({ envelope: { ok: true } });

      const pushed = nextMessage(ws, (m) => 'event' in m);
      launcher.last.callbacks.onEpoch(epoch(launcher.last.request.runId, 1, 0.25));
      expect(await pushed).toMatchObject({ event: 'train.epoch', payload: { epoch: 1, loss: 0.25 } });
    } finally {
      ws.close();
    }
  });

  it('closes only the connection that announces a message over the upload limit (1009)', async () => {
    const ws = await connect(ownOrigin());
    const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
    // Only the frame header goes out: the server must refuse on the announced length, before buffering.
    const header = encodeFrame({
      ...textFrame(''),
      payload: new Uint8Array(16),
      declaredLength: MAX_SOCKET_MESSAGE_BYTES + 1,
    });
    (ws as unknown as { _socket: Socket })._socket.write(header);
    expect(await closed).toBe(1009);
    const other = await connect(ownOrigin());
    try {
      other.send(JSON.stringify({ id: 9, name: 'app.info', args: undefined }));
      expect(await nextMessage(other, (m) => 'id' in m && m.id === 9)).toMatchObject({ envelope: { ok: true } });
    } finally {
      other.close();
    }
  });
});
