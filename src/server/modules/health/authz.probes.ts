import type { Probe, ProbeContext } from '../../testing/authz.js';

/** The health module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). */
export async function healthProbes(_ctx: ProbeContext): Promise<Probe[]> {
  return [];
}
