import { Worker } from 'node:worker_threads';
import type { AnalysisInput } from './compute.js';
import type { StoredRows, StudentChunk, UnitChunk } from './stored-rows.js';

/** Messages of the worker thread (thread.ts). */
export type FromWorker =
  | { type: 'units'; chunk: UnitChunk }
  | { type: 'students'; chunk: StudentChunk }
  | { type: 'done'; basis: string }
  | { type: 'error'; message: string };

const ENTRY = new URL('./thread-entry.mjs', import.meta.url);

/**
 * The input as sent to the worker: each subject's chosen options and statuses as one JSON string. Structured clone
 * of millions of small strings (100,000 students × 25 options × 9 subjects) costs the main thread seconds; one string
 * per subject is a memory copy, and stringifying it subject by subject leaves the event loop a turn in between.
 */
export interface WireInput extends Omit<AnalysisInput, 'subjects'> {
  subjects: (Omit<AnalysisInput['subjects'][number], 'options' | 'status'> & { options: string; status: string })[];
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

async function pack(input: AnalysisInput): Promise<WireInput> {
  const subjects: WireInput['subjects'] = [];
  for (const s of input.subjects) {
    await turn();
    subjects.push({ ...s, options: JSON.stringify(s.options), status: JSON.stringify(s.status) });
  }
  return { ...input, subjects };
}

export function unpack(wire: WireInput): AnalysisInput {
  return {
    ...wire,
    subjects: wire.subjects.map((s) => ({ ...s, options: JSON.parse(s.options), status: JSON.parse(s.status) })),
  };
}

/**
 * Runs analyses off the main event loop: a city-scale exam (100,000 students × 9 subjects × 25 items) is seconds of
 * CPU that would otherwise stall every request. One worker thread at a time per process (a queue: the machine is
 * small, and two analyses at once would only share the same cores); a fresh thread per analysis, so a crash or an
 * out-of-memory ends only that thread and its memory is returned. No in-process fallback for small exams: the thread
 * starts in a fraction of a second, and one path is one path to test.
 */
let tail: Promise<unknown> = Promise.resolve();

export function analyseInWorker(input: AnalysisInput): Promise<StoredRows> {
  const run = tail.then(async () => runWorker(await pack(input)));
  tail = run.catch(() => undefined);
  return run;
}

/** The typed arrays' buffers, moved to the worker rather than copied (the main thread does not read them again). */
function transferables(input: WireInput): ArrayBuffer[] {
  const arrays = [input.schoolIdx, input.classIdx, ...(input.prior?.values() ?? [])];
  for (const s of input.subjects) {
    arrays.push(s.scores);
    if (s.matrix) arrays.push(s.matrix);
  }
  // A buffer may back several views; each is transferred once. Views on a part of a buffer are copied instead.
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays)
    if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer)
      buffers.add(a.buffer);
  return [...buffers];
}

function runWorker(input: WireInput): Promise<StoredRows> {
  return new Promise((resolve, reject) => {
    const rows: StoredRows = { units: [], students: [], basis: '' };
    let settled = false;
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve(rows);
    };
    const worker = new Worker(ENTRY, { workerData: input, transferList: transferables(input) });
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'units') rows.units.push(m.chunk);
      else if (m.type === 'students') rows.students.push(m.chunk);
      else if (m.type === 'done') {
        rows.basis = m.basis;
        finish(null);
      } else finish(new Error(m.message));
    });
    worker.on('error', (err) => finish(err));
    worker.on('exit', (code) => finish(new Error(`analysis worker exited (code ${code}) before finishing`)));
  });
}
