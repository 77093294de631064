import type { AnalysisOutput } from './compute.js';

/**
 * The stored analysis as the INSERTs take it: columns of at most STORE_CHUNK rows, each row's jsonb already
 * serialized. The worker thread builds these (JSON.stringify of a city-scale exam is itself seconds of CPU) and posts
 * them chunk by chunk, so the main thread only receives flat arrays of strings and numbers.
 */
export const STORE_CHUNK = 2000;

export interface UnitChunk {
  kind: string[];
  id: number[];
  key: string[];
  schoolId: (number | null)[];
  n: number[];
  stats: string[];
}

export interface StudentChunk {
  studentId: number[];
  schoolId: number[];
  classId: (number | null)[];
  data: string[];
}

export interface StoredRows {
  units: UnitChunk[];
  students: StudentChunk[];
  basis: string;
}

export function unitChunks(out: AnalysisOutput): UnitChunk[] {
  const chunks: UnitChunk[] = [];
  for (let from = 0; from < out.units.length; from += STORE_CHUNK) {
    const c = out.units.slice(from, from + STORE_CHUNK);
    chunks.push({
      kind: c.map((r) => r.kind),
      id: c.map((r) => r.id),
      key: c.map((r) => r.key),
      schoolId: c.map((r) => r.schoolId),
      n: c.map((r) => r.n),
      stats: c.map((r) => JSON.stringify(r.stats)),
    });
  }
  return chunks;
}

export function studentChunks(out: AnalysisOutput): StudentChunk[] {
  const chunks: StudentChunk[] = [];
  for (let from = 0; from < out.students.length; from += STORE_CHUNK) {
    const c = out.students.slice(from, from + STORE_CHUNK);
    chunks.push({
      studentId: c.map((r) => r.studentId),
      schoolId: c.map((r) => r.schoolId),
      classId: c.map((r) => r.classId),
      data: c.map((r) => JSON.stringify(r.data)),
    });
  }
  return chunks;
}

/** The whole output serialized in the calling thread (the in-process path and tests). */
export function toStoredRows(out: AnalysisOutput): StoredRows {
  return { units: unitChunks(out), students: studentChunks(out), basis: JSON.stringify(out.basis) };
}
