// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../../src-main/shared/contract';
import { BrowserHost } from '../../../src-renderer/host/browser-host';

/** A stand-in for the page's WebSocket: records what is sent, lets the test answer. */
class FakeSocket extends EventTarget {
  static last: FakeSocket | null = null;
  readonly sent: { id: number; name: string; args: unknown }[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
  }
  send(text: string): void {
    this.sent.push(JSON.parse(text) as { id: number; name: string; args: unknown });
  }
  close(): void {
    this.dispatchEvent(new Event('close'));
  }
  open(): void {
    this.dispatchEvent(new Event('open'));
  }
  receive(message: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
}

function socket(): FakeSocket {
  if (!FakeSocket.last) throw new Error('no socket');
  return FakeSocket.last;
}

beforeEach(() => {
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
  FakeSocket.last = null;
});

describe('BrowserHost', () => {
  it('matches responses to requests by id, whatever their order', async () => {
    const host = new BrowserHost('ws://127.0.0.1:1/api');
    socket().open();
    const first = host.request('runs.get', { runId: 'a' });
    const second = host.request('runs.get', { runId: 'b' });
    await vi.waitFor(() => expect(socket().sent).toHaveLength(2));
    const [a, b] = socket().sent;
    expect(a).toMatchObject({ name: 'runs.get', args: { runId: 'a' } });
    socket().receive({ id: b.id, envelope: { ok: true, value: 'second' } });
    socket().receive({ id: a.id, envelope: { ok: true, value: 'first' } });
    expect(await first).toBe('first');
    expect(await second).toBe('second');
  });

  it('rejects failed requests with a StudioError carrying the code', async () => {
    const host = new BrowserHost('ws://127.0.0.1:1/api');
    socket().open();
    const pending = host.request('runs.list', undefined);
    await vi.waitFor(() => expect(socket().sent).toHaveLength(1));
    socket().receive({
      id: socket().sent[0].id,
      envelope: { ok: false, error: { code: 'not-found', message: 'Gone.' } },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('not-found');
  });

  it('delivers events to listeners until they unsubscribe', () => {
    const host = new BrowserHost('ws://127.0.0.1:1/api');
    socket().open();
    const seen: number[] = [];
    const off = host.on('train.epoch', (e) => seen.push(e.epoch));
    socket().receive({ event: 'train.epoch', payload: { epoch: 1 } });
    socket().receive({ event: 'train.progress', payload: { epoch: 9 } });
    off();
    socket().receive({ event: 'train.epoch', payload: { epoch: 2 } });
    expect(seen).toEqual([1]);
  });

  it('fails pending and later requests when the connection is lost', async () => {
    const host = new BrowserHost('ws://127.0.0.1:1/api');
    socket().open();
    const pending = host.request('runs.list', undefined);
    await vi.waitFor(() => expect(socket().sent).toHaveLength(1));
    socket().close();
    await expect(pending).rejects.toMatchObject({ code: 'unavailable' });
    await expect(host.request('runs.list', undefined)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('says why when the server closed the connection over a message too large', async () => {
    const host = new BrowserHost('ws://127.0.0.1:1/api');
    socket().open();
    const pending = host.request('runs.list', undefined);
    await vi.waitFor(() => expect(socket().sent).toHaveLength(1));
    socket().dispatchEvent(Object.assign(new Event('close'), { code: 1009, reason: '' }));
    await expect(pending).rejects.toThrow(/size limit.*100 MB.*desktop app/);
  });
});
