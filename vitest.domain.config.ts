import { defineConfig } from 'vitest/config';

// The domain unit tests alone (no HTTP, no child processes): what Stryker runs against each mutant
// of mock/domain (see stryker.config.json). The unit project of vitest.config.ts runs them too.
export default defineConfig({
  test: {
    include: ['test/domain/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
