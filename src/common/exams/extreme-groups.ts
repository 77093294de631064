/**
 * The upper and lower 27% groups by total score (Kelley), used for the discrimination index D and for option shares
 * of high and low scorers. Each group holds g = max(1, round(0.27·n)) students. Students tied at a cut score share
 * the places left at that cut with equal fractional weight, so the groups never depend on the order of the rows.
 * `upperWeight(t)` and `lowerWeight(t)` give a student's membership (0, a fraction, or 1) from their total t; both
 * weights sum to g over the students. Null when fewer than 2 students or every total is equal (no groups exist).
 */
export interface ExtremeGroups {
  g: number;
  upperWeight(total: number): number;
  lowerWeight(total: number): number;
}

export function extremeGroups(totals: ArrayLike<number>): ExtremeGroups | null {
  const n = totals.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = totals[i]; // a plain copy: Float64Array.from iterates a typed array slowly
  sorted.sort();
  if (n < 2 || sorted[n - 1] === sorted[0]) return null;
  const g = Math.max(1, Math.round(0.27 * n));
  const cutU = sorted[n - g];
  const cutL = sorted[g - 1];
  let aboveU = 0;
  let tiedU = 0;
  let belowL = 0;
  let tiedL = 0;
  for (let i = 0; i < n; i++) {
    const t = sorted[i];
    if (t > cutU) aboveU++;
    else if (t === cutU) tiedU++;
    if (t < cutL) belowL++;
    else if (t === cutL) tiedL++;
  }
  const wU = (g - aboveU) / tiedU;
  const wL = (g - belowL) / tiedL;
  return {
    g,
    upperWeight: (t) => (t > cutU ? 1 : t === cutU ? wU : 0),
    lowerWeight: (t) => (t < cutL ? 1 : t === cutL ? wL : 0),
  };
}
