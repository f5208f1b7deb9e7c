import { defineConfig } from 'vitest/config';

// Node-side tests: pure domain/io code and the shipped data.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/data/**/*.test.ts', 'tests/badInput/**/*.test.ts', 'src/**/*.spec.ts'],
    environment: 'node',
  },
});
