import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One temporary folder for the whole run, removed at its end; then every pack built once,
    // with the real CLI, into a temporary folder the tests read.
    globalSetup: ['tests/support/temporary-folder.ts', 'tests/support/build-once.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
