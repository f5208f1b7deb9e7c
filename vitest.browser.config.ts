import { defineConfig } from 'vitest/config';

// End-to-end tests: Debian's Chromium driven by playwright-core against the
// built app served by `vite preview` (see tests/browser/harness.ts).
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // What a browser test polls for follows a click: code loaded on first use, a worker's run, a save.
    // On two shared cores that can take seconds, so a poll waits up to 30 s (vitest's default is 1 s,
    // which made tests fail by timing alone). A poll still fails when the awaited state never comes.
    expect: { poll: { timeout: 30_000 } },
    // Two files at a time, one Chromium each, on the one shared build and server: the machines
    // have two cores, and most of a browser test is waiting on the page (about 1.9× faster than
    // one at a time). The two files that serve tiles each have an allowed origin of their own (global-setup.ts).
    fileParallelism: true,
    maxWorkers: 2,
    globalSetup: ['tests/browser/global-setup.ts'],
  },
});
