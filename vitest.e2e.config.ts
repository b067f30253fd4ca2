import { defineConfig } from 'vitest/config';

// Browser tests: the built extension in Debian's Chromium, one file at a time (each browser peaks ~1.4 GB).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    globals: true,
  },
});
