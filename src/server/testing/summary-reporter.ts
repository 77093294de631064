import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends a test run with one plain line, `<suite>: N passed, N failed` (and `, N skipped`), so whoever reads the log —
 * a person or CI — sees the count without the coloured summary.
 */
export class SummaryReporter implements Reporter {
  constructor(private readonly suite: string) {}

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    console.log(`\n${this.suite}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
}
