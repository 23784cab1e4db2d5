import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [vue()],
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    // The Ray Tune search takes 8–11 minutes on two busy cores: its own command, npm run test:ray.
    exclude: ['test/e2e/**', 'node_modules/**', 'test/**/*.ray.test.ts'],
    // Training tests use native TensorFlow on two cores: run files one at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
