/**
 * The installer configuration cannot be exercised here (electron-builder downloads Electron),
 * so this checks what would break an installer silently: targets per platform, the native
 * TensorFlow files kept outside the asar archive, icons and samples that exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NATIVE_KERNELS_FILE } from '../../src-main/engine/model/kernels/native-kernels';

const root = resolve(__dirname, '..', '..');
const config = JSON.parse(readFileSync(resolve(root, 'resources/electron-builder.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('installer configuration', () => {
  it('builds NSIS, dmg for both Mac architectures, AppImage and deb', () => {
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(pkg.scripts.dist).toContain('resources/electron-builder.json');
  });

  it('keeps native TensorFlow outside the asar archive, where the loader can read it', () => {
    expect(config.asarUnpack).toContain('node_modules/@tensorflow/tfjs-node/**');
    expect(pkg.optionalDependencies['@tensorflow/tfjs-node']).toBeTruthy();
  });

  it('ships our native recurrent kernels unpacked, where their loader looks', () => {
    expect(config.files).toContain(NATIVE_KERNELS_FILE);
    expect(config.asarUnpack).toContain(NATIVE_KERNELS_FILE);
  });

  it('ships an icon of at least 512 × 512 and the sample projects', () => {
    expect(pngSize(resolve(root, config.mac.icon))).toEqual([512, 512]);
    expect(existsSync(resolve(root, config.linux.icon, '256x256.png'))).toBe(true);
    const samples = config.extraResources.find((r: { to: string }) => r.to === 'samples');
    expect(samples).toBeTruthy();
    expect(existsSync(resolve(root, samples.from, 'review-sentiment.sample.json'))).toBe(true);
  });

  it('packs the built app and the manifest its main entry names', () => {
    expect(config.files).toContain('out/**');
    expect(pkg.main).toBe('out/main/index.js');
  });
});
