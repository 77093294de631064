import { describe, expect, it } from 'vitest';
import { computeWithFullAnalysis } from './from-full.js';
import { toStoredRows } from './stored-rows.js';
import { syntheticInput } from './synthetic-input.js';
import { analyseInWorker } from './worker-pool.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/**
 * Longest gap (ms) between two turns of the event loop while `work` runs: a ping re-armed every 10 ms records how late
 * it fires. A tick before and after lets the ping see a synchronous `work` as one long gap.
 */
async function maxDelayDuring(work: () => Promise<unknown> | unknown): Promise<number> {
  let max = 0;
  let last = performance.now();
  let running = true;
  const ping = () => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
    if (running) setTimeout(ping, 1);
  };
  setTimeout(ping, 1);
  await tick();
  await work();
  await tick();
  running = false;
  return max;
}

describe('the analysis worker thread', () => {
  it('gives the same rows as the in-process computation and moves the typed arrays instead of copying them', async () => {
    const input = syntheticInput(2000, 3, 10);
    const expected = toStoredRows(computeWithFullAnalysis(syntheticInput(2000, 3, 10)));
    const rows = await analyseInWorker(input);
    expect(rows).toEqual(expected);
    // Transferred: the main thread's buffers are detached.
    expect(input.subjects[0].scores.length).toBe(0);
    expect(input.subjects[0].matrix!.length).toBe(0);
  }, 60_000);

  it('rejects with the worker’s message when the analysis throws, and the queue goes on', async () => {
    const bad = { ...syntheticInput(50, 1, 5), thresholds: null as never };
    await expect(analyseInWorker(bad)).rejects.toThrow(/null|undefined/);
    const ok = await analyseInWorker(syntheticInput(50, 1, 5));
    expect(ok.students.flatMap((c) => c.studentId)).toHaveLength(50);
  }, 60_000);

  it('keeps the event loop responsive while a larger analysis runs in the worker', async () => {
    const size = [10_000, 9, 25] as const;
    const inProcess = await maxDelayDuring(() => toStoredRows(computeWithFullAnalysis(syntheticInput(...size))));
    const input = syntheticInput(...size);
    const inWorker = await maxDelayDuring(() => analyseInWorker(input));
    console.log(`event-loop max delay: in process ${inProcess.toFixed(0)} ms, worker ${inWorker.toFixed(0)} ms`);
    expect(inProcess).toBeGreaterThan(1000);
    expect(inWorker).toBeLessThan(inProcess / 5);
  }, 300_000);
});
