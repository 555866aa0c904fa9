import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/prebuild.ts'],
    // Every check bounds its own waits; this only catches a harness bug.
    testTimeout: 60000,
    // The tests mostly wait on child processes and sockets: more workers than cores pays.
    maxWorkers: 3,
    hookTimeout: 30000,
  },
});
