import type { Probe, ProbeContext } from '../../testing/authz.js';

/** The activities module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). */
export async function activitiesProbes(_ctx: ProbeContext): Promise<Probe[]> {
  return [];
}
