/**
 * A school's index combined over stakeholder groups (parents, students, teachers) with published weights
 * (anchors-platform §5: "compute the index per stakeholder group, then combine with published group weights").
 *   groups used = those published with an index; weights renormalised over them: w̄g = wg / Σ w(used);
 *   combined = Σ w̄g · indexg;
 *   se_g = sd_g / √n_g; var = Σ w̄g² · se_g² (independent groups);
 *   95% interval = combined ± z₀.₉₇₅ · √var, clipped to [0, 100] (normal approximation); null when a used group
 *   has no SD (n < 2).
 * A suppressed group, a group with no index and a group with weight 0 are listed as missing; no group left → null.
 */
import type { IndexResult } from './scores.js';
import { type Interval, Z95 } from './stats.js';

export interface WeightedIndex {
  group: string;
  weight: number;
  result: IndexResult;
}

export interface CombinedIndex {
  value: number | null;
  ci: Interval | null;
  used: { group: string; weight: number }[];
  missing: string[];
}

/** Combines group indices (formulas above). */
export function combineIndices(parts: readonly WeightedIndex[]): CombinedIndex {
  const used: { group: string; weight: number; index: number; sd: number | null; n: number }[] = [];
  const missing: string[] = [];
  for (const p of parts) {
    const r = p.result;
    if (r.suppressed || r.index === null || !(p.weight > 0)) missing.push(p.group);
    else used.push({ group: p.group, weight: p.weight, index: r.index, sd: r.sd, n: r.n });
  }
  const total = used.reduce((s, u) => s + u.weight, 0);
  if (used.length === 0) return { value: null, ci: null, used: [], missing };
  let value = 0;
  let variance = 0;
  let hasSd = true;
  for (const u of used) {
    const w = u.weight / total;
    value += w * u.index;
    if (u.sd === null) hasSd = false;
    else variance += w * w * ((u.sd * u.sd) / u.n);
  }
  const half = Z95 * Math.sqrt(variance);
  return {
    value,
    ci: hasSd ? { low: Math.max(0, value - half), high: Math.min(100, value + half) } : null,
    used: used.map((u) => ({ group: u.group, weight: u.weight / total })),
    missing,
  };
}
