/**
 * One WebSocket connection of the browser host. Whatever a client sends (broken frames,
 * invalid UTF-8, oversized messages, binary data, JSON of the wrong shape), the outcome is an
 * answer to that request or the end of that connection with a close reason: never an
 * exception that reaches the process.
 */
import type { WebSocket } from 'ws';
import type { Envelope } from '../shared/contract';
import type { HostRequestMessage, HostServerMessage } from '../shared/host-protocol';
import type { StudioService } from '../services/studio-service';

/** Close codes from RFC 6455 that we send ourselves. */
export const CLOSE_UNSUPPORTED_DATA = 1003;
export const CLOSE_INVALID_PAYLOAD = 1007;

export type SocketService = Pick<StudioService, 'handle'>;

/** Serves requests on `ws` until it closes. */
export function serveSocket(ws: WebSocket, service: SocketService): void {
  // `ws` already answers protocol errors (bad frames 1002, invalid UTF-8 1007, too large 1009)
  // with a close frame; without a listener its 'error' event would end the whole process.
  ws.on('error', () => {
    if (ws.readyState !== ws.CLOSED) ws.terminate();
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.close(CLOSE_UNSUPPORTED_DATA, 'Requests are JSON text messages.');
      return;
    }
    const message = parseRequest(data.toString());
    if (!message) {
      ws.close(CLOSE_INVALID_PAYLOAD, 'Requests are JSON objects with a numeric id and a name.');
      return;
    }
    void answer(ws, service, message);
  });
}

function parseRequest(text: string): (Pick<HostRequestMessage, 'id' | 'args'> & { name: string }) | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { id, name, args } = parsed as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  // The service refuses unknown names with a message of its own; only the type is checked here.
  if (typeof name !== 'string') return null;
  return { id, name, args };
}

async function answer(ws: WebSocket, service: SocketService, message: { id: number; name: string; args: unknown }) {
  let envelope: Envelope<unknown>;
  try {
    envelope = await service.handle(message.name, message.args);
  } catch {
    // `handle` promises never to throw; should it break that promise, the request still gets an answer.
    envelope = internalError();
  }
  if (ws.readyState !== ws.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify({ id: message.id, envelope } satisfies HostServerMessage);
  } catch {
    text = JSON.stringify({ id: message.id, envelope: internalError() } satisfies HostServerMessage);
  }
  // A send that fails means the connection is gone: there is no one left to tell.
  ws.send(text, () => undefined);
}

function internalError(): Envelope<unknown> {
  return { ok: false, error: { code: 'internal', message: 'The request failed inside Recurrent Studio.' } };
}
