import type { Probe, ProbeContext } from '../../testing/authz.js';

/** The surveys module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). */
export async function surveysProbes(_ctx: ProbeContext): Promise<Probe[]> {
  return [];
}
