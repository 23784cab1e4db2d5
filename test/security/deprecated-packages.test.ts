/**
 * What ships contains no deprecated or known-unmaintained package. npm's lockfile does not
 * record deprecation notices and `npm audit` needs the network, so the list is kept here, each
 * entry with the reason; the check reads package-lock.json only and runs offline in `npm test`.
 *
 * A package we cannot drop yet is an exception that names the one package that brings it and
 * why. An exception that no longer applies fails too, so the list never outlives its reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockPackage {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Deprecated or unmaintained: name → the versions concerned (major below a bound, or every version) and why. */
const UNMAINTAINED: Record<string, { below?: number; why: string }> = {
  exceljs: { why: 'no release since 2023; pulls unzipper, fstream, glob 7 and rimraf 2 while parsing untrusted zips' },
  unzipper: { why: 'its streaming reader hangs on damaged archives; unmaintained' },
  fstream: { why: 'deprecated by npm' },
  inflight: { why: 'deprecated by npm: leaks memory' },
  glob: { below: 9, why: 'versions before 9 are deprecated' },
  rimraf: { below: 4, why: 'versions before 4 are deprecated' },
  'onnx-proto': { why: 'pins protobufjs 6' },
  protobufjs: { below: 7, why: 'protobufjs 6 reached end of life' },
  hammerjs: { why: 'no release since 2016' },
  request: { why: 'deprecated by npm' },
  'har-validator': { why: 'deprecated by npm' },
  npmlog: { below: 7, why: 'deprecated by npm' },
  gauge: { below: 5, why: 'deprecated by npm' },
  'are-we-there-yet': { below: 4, why: 'deprecated by npm' },
  'node-domexception': { why: 'deprecated: use the platform DOMException' },
  'lodash.isequal': { why: 'deprecated by npm: use util.isDeepStrictEqual' },
  querystring: { why: 'deprecated: use URLSearchParams' },
  uuid: { below: 7, why: 'versions before 7 are deprecated' },
  xlsx: { why: 'the npm package stopped receiving fixes (prototype pollution, ReDoS)' },
};

/**
 * Allowed for now, each through exactly one parent that has no maintained replacement yet.
 * @tensorflow/tfjs-node 4.22 is the latest release of the native backend (optional: the app
 * falls back to pure JavaScript without it).
 */
const EXCEPTIONS: Record<string, { via: string; why: string }> = {
  'node_modules/@mapbox/node-pre-gyp/node_modules/rimraf': {
    via: '@mapbox/node-pre-gyp',
    why: 'installer of @tensorflow/tfjs-node',
  },
  'node_modules/rimraf': { via: '@tensorflow/tfjs-node', why: 'tfjs-node 4.22 (latest) depends on rimraf 2' },
  'node_modules/glob': { via: 'rimraf', why: 'through rimraf 2 of tfjs-node' },
  'node_modules/inflight': { via: 'glob', why: 'through glob 7 of tfjs-node' },
  'node_modules/npmlog': { via: '@mapbox/node-pre-gyp', why: 'installer of @tensorflow/tfjs-node' },
  'node_modules/gauge': { via: 'npmlog', why: 'installer of @tensorflow/tfjs-node' },
  'node_modules/are-we-there-yet': { via: 'npmlog', why: 'installer of @tensorflow/tfjs-node' },
};

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockPackage> };
/** Everything that ships with the app: not dev-only (optional packages such as tfjs-node ship too). */
const shipped = Object.entries(lock.packages).filter(([path, p]) => path !== '' && !p.dev);

const nameOf = (path: string) => path.split('node_modules/').pop() ?? path;
const major = (version: string | undefined) => Number((version ?? '0').split('.')[0]);

function flagged(path: string, p: LockPackage): string | null {
  const rule = UNMAINTAINED[nameOf(path)];
  if (!rule) return null;
  if (rule.below !== undefined && major(p.version) >= rule.below) return null;
  return `${nameOf(path)}@${p.version}: ${rule.why}`;
}

/** The shipped packages whose dependencies name `name`. */
function parentsOf(name: string): string[] {
  return shipped
    .filter(([, p]) => name in (p.dependencies ?? {}) || name in (p.optionalDependencies ?? {}))
    .map(([path]) => nameOf(path));
}

describe('packages that ship', () => {
  it('include no deprecated or unmaintained package beyond the stated exceptions', () => {
    const found = shipped
      .filter(([path, p]) => flagged(path, p) && !EXCEPTIONS[path])
      .map(([path, p]) => flagged(path, p));
    expect(found).toEqual([]);
  });

  it('bring each exception only through the parent it names', () => {
    for (const [path, exception] of Object.entries(EXCEPTIONS)) {
      const entry = lock.packages[path];
      if (!entry || entry.dev) continue;
      expect(parentsOf(nameOf(path)), `${path}: ${exception.why}`).toContain(exception.via);
      for (const parent of parentsOf(nameOf(path))) {
        // A new parent bringing a deprecated package is a new problem, not this exception.
        expect([
          exception.via,
          ...Object.values(EXCEPTIONS).map((e) => e.via),
          'rimraf',
          'glob',
          'npmlog',
          '@tensorflow/tfjs-node',
        ]).toContain(parent);
      }
    }
  });

  it('list no exception that no longer applies', () => {
    const stale = Object.keys(EXCEPTIONS).filter((path) => {
      const entry = lock.packages[path];
      return !entry || entry.dev || !flagged(path, entry);
    });
    expect(stale).toEqual([]);
  });

  it('no longer include exceljs or protobufjs 6, the packages this check was written for', () => {
    expect(shipped.map(([path]) => nameOf(path))).not.toContain('exceljs');
    expect(shipped.filter(([path, p]) => nameOf(path) === 'protobufjs' && major(p.version) < 7)).toEqual([]);
  });

  it('no longer include hammerjs or chartjs-plugin-zoom, which brought it: the charts zoom on their own', () => {
    const names = Object.keys(lock.packages).map(nameOf);
    for (const gone of ['hammerjs', '@types/hammerjs', 'chartjs-plugin-zoom']) expect(names).not.toContain(gone);
  });
});
