/**
 * Fails when any import cycle exists in src-main or src-renderer, type-only imports included:
 * shared types belong in their own files, so layering stays a tree. (`npm run lint` runs it.)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import madge from 'madge';

/** Every .ts file under `root`, except entry files that pull in .vue components. */
function tsFiles(root: string, skip: Set<string>): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !skip.has(f))
    .map((f) => join(root, f));
}

const trees = [
  { root: 'src-main', tsConfig: 'tsconfig.node.json', skip: new Set<string>() },
  // main.ts only mounts App.vue; the parser madge uses cannot read .vue files.
  { root: 'src-renderer', tsConfig: 'tsconfig.web.json', skip: new Set(['main.ts']) },
];

let cycles = 0;
for (const tree of trees) {
  const result = await madge(tsFiles(tree.root, tree.skip), {
    baseDir: '.',
    fileExtensions: ['ts'],
    excludeRegExp: [/\.vue$/],
    tsConfig: tree.tsConfig,
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  });
  const found = result.circular();
  for (const cycle of found) console.error(`Import cycle in ${tree.root}: ${cycle.join(' → ')}`);
  cycles += found.length;
  console.log(`${tree.root}: ${Object.keys(result.obj()).length} modules, ${found.length} import cycles`);
}
process.exit(cycles > 0 ? 1 : 0);
