import type { Probe, ProbeContext } from '../../testing/authz.js';

/** The indicators module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). */
export async function indicatorsProbes(_ctx: ProbeContext): Promise<Probe[]> {
  return [];
}
