/**
 * Coverage of a campaign (seed-004 §7.3): respondents / eligible families per class or school against a target
 * share (0.5 a term for the school self-survey, 1 a year, 0.05 for the bureau's phone sample).
 *   coverage = respondents / eligible                       — null when no family is eligible
 *   required = ⌈target · eligible⌉ families                 — (12-digit rounding first, so 0.5 · 40 is 20, not 20.000…1)
 *   shortfall = max(0, required − respondents); met ⇔ shortfall = 0
 * A school's coverage sums its classes' respondents and eligible families (not a mean of class rates).
 */

export interface CoverageInput {
  unitId: string;
  eligible: number;
  respondents: number;
}

export interface Coverage extends CoverageInput {
  target: number;
  coverage: number | null;
  required: number;
  shortfall: number;
  met: boolean;
}

/** Coverage of one unit against a target share (the formulas above). */
export function coverage(unit: CoverageInput, target: number): Coverage {
  const required = Math.ceil(Number((target * unit.eligible).toPrecision(12)));
  const shortfall = Math.max(0, required - unit.respondents);
  return {
    ...unit,
    target,
    coverage: unit.eligible === 0 ? null : unit.respondents / unit.eligible,
    required,
    shortfall,
    met: shortfall === 0,
  };
}

/** Coverage of each unit (e.g. every class), in input order. */
export function coverageOf(units: readonly CoverageInput[], target: number): Coverage[] {
  return units.map((u) => coverage(u, target));
}

/** The units below target, largest shortfall first (ties: lower coverage first, then input order). */
export function belowTarget(units: readonly CoverageInput[], target: number): Coverage[] {
  return coverageOf(units, target)
    .filter((c) => !c.met)
    .sort((a, b) => b.shortfall - a.shortfall || (a.coverage ?? 0) - (b.coverage ?? 0));
}

/** Rolls units (classes) up into a parent (school): sums of eligible families and respondents, then coverage. */
export function rollUpCoverage(unitId: string, units: readonly CoverageInput[], target: number): Coverage {
  let eligible = 0;
  let respondents = 0;
  for (const u of units) {
    eligible += u.eligible;
    respondents += u.respondents;
  }
  return coverage({ unitId, eligible, respondents }, target);
}

/** Rolls up every parent: `parentOf` maps a unit id to its parent id (school of a class). */
export function coverageByParent(
  units: readonly CoverageInput[],
  parentOf: (unitId: string) => string,
  target: number,
): Coverage[] {
  const groups = new Map<string, CoverageInput[]>();
  for (const u of units) {
    const p = parentOf(u.unitId);
    const list = groups.get(p);
    if (list) list.push(u);
    else groups.set(p, [u]);
  }
  return [...groups].map(([id, list]) => rollUpCoverage(id, list, target));
}
