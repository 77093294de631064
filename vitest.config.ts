import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './src/server/testing/summary-reporter.js';

export default defineConfig({
  test: {
    reporters: ['default', new SummaryReporter('unit')],
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['src/server/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: two forks keep the embedded server and the tests from starving each other.
    pool: 'forks',
    maxWorkers: 2,
  },
});
