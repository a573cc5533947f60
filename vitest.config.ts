import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds every pack once, with the real CLI, into a temporary folder the tests read.
    globalSetup: ['tests/support/build-once.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
