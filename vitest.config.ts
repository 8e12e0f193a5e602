import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'electron/**/*.test.ts',
      'server/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/src/collab/**/*.test.ts',
      'renderer/src/a11y/**/*.test.ts',
      'renderer/src/phone/**/*.test.ts',
      'renderer/src/store/**/*.test.ts',
      'renderer/src/board/**/*.test.ts',
      'renderer/src/followup/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
