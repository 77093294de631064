import type { Probe, ProbeContext } from '../../testing/authz.js';

/** The inspections module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). */
export async function inspectionsProbes(_ctx: ProbeContext): Promise<Probe[]> {
  return [];
}
