import { defineConfig } from 'vitest/config';

// Two projects: quick in-process tests run in parallel; the heavy ones (Prism, Chromium, child
// processes, fuzzing, concurrency) run one file at a time, since these machines have 2 cores.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/heavy/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'heavy',
          include: ['test/heavy/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
