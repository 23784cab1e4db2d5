import { describe, expect, it } from 'vitest';
import { isAllowedRequest, isOwnPage, type RendererLocation } from '../../src-main/electron/url-policy';

const packaged: RendererLocation = { rendererDir: 'file:///opt/studio/out/renderer/', devServerUrl: null };
const dev: RendererLocation = { ...packaged, devServerUrl: 'http://localhost:5173' };

describe('isOwnPage', () => {
  it('accepts the renderer files and the dev server', () => {
    expect(isOwnPage('file:///opt/studio/out/renderer/index.html', packaged)).toBe(true);
    expect(isOwnPage('file:///opt/studio/out/renderer/index.html#/train', packaged)).toBe(true);
    expect(isOwnPage('http://localhost:5173/', dev)).toBe(true);
  });

  it('refuses other files, other origins and missing senders', () => {
    expect(isOwnPage('file:///home/user/Downloads/evil.html', packaged)).toBe(false);
    expect(isOwnPage('file:///opt/studio/out/renderer/../../evil.html', packaged)).toBe(false);
    expect(isOwnPage('http://localhost:5173/', packaged)).toBe(false);
    expect(isOwnPage('http://localhost:5174/', dev)).toBe(false);
    expect(isOwnPage('https://example.com/', dev)).toBe(false);
    expect(isOwnPage(undefined, packaged)).toBe(false);
    expect(isOwnPage('', packaged)).toBe(false);
  });
});

describe('isAllowedRequest', () => {
  it('allows our files, in-memory data and dev tools', () => {
    for (const url of [
      'file:///opt/studio/out/renderer/assets/index.js',
      'data:image/png;base64,AAAA',
      'blob:file:///1234',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(isAllowedRequest(url, packaged)).toBe(true);
    }
  });

  it('blocks the network and files outside the renderer', () => {
    for (const url of ['https://cdn.example.com/x.js', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'ftp://x/y']) {
      expect(isAllowedRequest(url, packaged)).toBe(false);
    }
  });

  it('allows the dev server and its hot-reload socket only in development', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.ts', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5173/src/main.ts', packaged)).toBe(false);
    expect(isAllowedRequest('http://localhost:9999/', dev)).toBe(false);
  });
});
