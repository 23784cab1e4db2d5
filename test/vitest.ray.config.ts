/**
 * The Ray Tune tests: a training project's search.py on a local Ray runtime, then the import of
 * its results. Too slow for the unit suite (8–11 minutes on two busy cores), so they run on
 * their own: npm run test:ray (the py-ray Python environment is prepared on first use).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['test/**/*.ray.test.ts'],
    fileParallelism: false,
    testTimeout: 1_200_000,
    hookTimeout: 600_000,
    reporters: ['default'],
  },
});
