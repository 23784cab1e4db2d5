/**
 * Raw WebSocket frames as a client could send them, well-formed or not: any opcode, reserved
 * bits, masked or not, length fields that lie, payloads of any encoding. The `ws` client
 * library refuses to send most of these, so the fuzz target writes them to a plain TCP socket.
 */
import { randomBytes } from 'node:crypto';

/** The fuzz host's message limit: small, so oversized messages are cheap to send (same code path as real uploads). */
export const FUZZ_MAX_MESSAGE_BYTES = 64 * 1024;

export interface RawFrame {
  fin: boolean;
  /** The three reserved bits (must be 0 without an extension). */
  rsv: number;
  opcode: number;
  masked: boolean;
  payload: Uint8Array;
  /** A length field that differs from the payload's real length, to lie about the size. */
  declaredLength?: number;
}

/** Encodes one frame as RFC 6455 lays it out. */
export function encodeFrame(frame: RawFrame): Buffer {
  const length = frame.declaredLength ?? frame.payload.length;
  const head: number[] = [(frame.fin ? 0x80 : 0) | ((frame.rsv & 7) << 4) | (frame.opcode & 0x0f)];
  const maskBit = frame.masked ? 0x80 : 0;
  let extended: Buffer;
  if (length < 126) {
    head.push(maskBit | length);
    extended = Buffer.alloc(0);
  } else if (length < 0x10000) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  const payload = Buffer.from(frame.payload);
  if (!frame.masked) return Buffer.concat([Buffer.from(head), extended, payload]);
  const key = randomBytes(4);
  for (let i = 0; i < payload.length; i++) payload[i] ^= key[i % 4];
  return Buffer.concat([Buffer.from(head), extended, key, payload]);
}

/** A well-formed, masked, final text frame. */
export function textFrame(text: string): RawFrame {
  return { fin: true, rsv: 0, opcode: 1, masked: true, payload: Buffer.from(text, 'utf8') };
}

/** The HTTP request that opens a WebSocket on `path`, with the browser host's token cookie. */
export function upgradeRequest(port: number, token: string, path = '/api'): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Origin: http://127.0.0.1:${port}`,
    `Cookie: recurrent_token_${port}=${token}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}
