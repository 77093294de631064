import { parentPort, workerData } from 'node:worker_threads';
import { computeWithFullAnalysis } from './from-full.js';
import { studentChunks, unitChunks } from './stored-rows.js';
import { type FromWorker, unpack, type WireInput } from './worker-pool.js';

/**
 * Worker-thread side of an analysis (started by worker-pool.ts through thread-entry.mjs): computes the analysis of the
 * input it was started with and posts the rows to store, serialized, chunk by chunk, then 'done'. An exception is
 * posted as 'error'; the pool treats any exit before 'done' as a failure, so a half result is never stored.
 */
function send(message: FromWorker): void {
  parentPort!.postMessage(message);
}

try {
  const out = computeWithFullAnalysis(unpack(workerData as WireInput));
  for (const chunk of unitChunks(out)) send({ type: 'units', chunk });
  for (const chunk of studentChunks(out)) send({ type: 'students', chunk });
  send({ type: 'done', basis: JSON.stringify(out.basis) });
} catch (err) {
  send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
