import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseServeOptions } from '../../src-main/host/serve-options';

describe('parseServeOptions', () => {
  it('defaults to port 4780 and a fresh random token per launch', () => {
    const a = parseServeOptions([], {});
    const b = parseServeOptions([], {});
    expect(a.port).toBe(DEFAULT_PORT);
    expect(a.token.length).toBeGreaterThanOrEqual(32);
    expect(a.token).not.toBe(b.token);
  });

  it('reads --port, --data-dir and RECURRENT_TOKEN', () => {
    const o = parseServeOptions(['--port', '0', '--data-dir', '/tmp/x'], { RECURRENT_TOKEN: 'fixed-token-for-tests' });
    expect(o).toEqual({ port: 0, dataDir: '/tmp/x', token: 'fixed-token-for-tests', open: false });
  });

  it('--open asks for the default browser (npm start on a machine without Electron)', () => {
    expect(parseServeOptions(['--open'], {}).open).toBe(true);
    expect(parseServeOptions([], {}).open).toBe(false);
  });

  it('rejects bad ports, unknown flags and weak tokens', () => {
    expect(() => parseServeOptions(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseServeOptions(['--verbose'], {})).toThrow(/Unknown option "--verbose"/);
    expect(() => parseServeOptions([], { RECURRENT_TOKEN: 'short' })).toThrow(/RECURRENT_TOKEN/);
  });
});
