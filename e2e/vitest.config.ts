import { defineConfig } from 'vitest/config';
import { SummaryReporter } from '../src/server/testing/summary-reporter.js';

/** Browser tests: the real server (embedded PostgreSQL, demo county) driven through Debian's Chromium. */
export default defineConfig({
  test: {
    reporters: ['default', new SummaryReporter('browser')],
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
