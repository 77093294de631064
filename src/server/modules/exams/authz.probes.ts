import type { Probe, ProbeContext } from '../../testing/authz.js';

/** The exams module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). */
export async function examsProbes(_ctx: ProbeContext): Promise<Probe[]> {
  return [];
}
