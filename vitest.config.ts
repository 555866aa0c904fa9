import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Every check bounds its own waits; this only catches a harness bug.
    testTimeout: 60000,
    hookTimeout: 30000,
  },
});
