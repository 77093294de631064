import { describe, expect, it } from 'vitest';
import { conditionalPercentiles, unitMedians, valueAdded, Z_975 } from './valueadded.js';

const A = Number.NaN;

describe('valueAdded', () => {
  /**
   * Built so that the raw regression is exact: y = 30 + 0.5·x + e with e = unit effect c_u + noise, Σe = 0 and
   * Σe·(x − 60) = 0 (each unit's x deviations sum to 0 and the noise is orthogonal to them).
   *   unit 0 (c = +3): x 50 60 70 60, noise 0 +1 0 −1 → y 58 64 68 62, e 3 4 3 2
   *   unit 1 (c = −1): x 40 60 80 60, noise 0 +1 0 −1 → y 49 60 69 58, e −1 0 −1 −2
   *   unit 2 (c = −2): x 50 70 50 70, noise +1 +1 −1 −1 → y 54 64 52 62, e −1 −1 −3 −3
   *   unit 3 (c = 0):  x 60 60, noise +1 −1 → y 61 59, e 1 −1 (n = 2 < minN 3 → null VA)
   * plus one student of unit 0 who sat only the prior (90) and one of unit 1 who sat only the current (60).
   * County Z: prior over 15 who sat it: mean 62, Σ(x − 62)² = 2400 → s_x = √160; current over 15: mean 60,
   * Σ(y − 60)² = 0.25·Σ(x − 60)² + Σe² = 0.25·1400 + 66 = 416 → s_y = √(416/14).
   * OLS in Z over the 14 who sat both: x̄_z = −2/√160, ȳ_z = 0, slope = 0.5·s_x/s_y, intercept = ȳ_z − slope·x̄_z
   * = 0.5·2/s_y = 1/s_y; residual = e/s_y.
   * Unit mean residuals ē: 3/s_y, −1/s_y, −2/s_y. Within SS: unit 0 (0+1+0+1) + unit 1 (2) + unit 2 (1+1+1+1) = 8
   * → σ² = 8/(12 − 3)/s_y² = (8/9)/s_y². Between: ē̄ = 0, Σē²/(3 − 1) = 14/2 = 7/s_y²; mean σ²/n = (8/9)/4 = 2/9.
   * τ² = (7 − 2/9)/s_y² = (61/9)/s_y²; λ = (61/9)/(61/9 + 2/9) = 61/63 for every unit (all n = 4).
   * VA₀ = (61/63)·3/s_y = (61/21)/s_y; se = √(λ·σ²/n) = √((61/63)·(2/9))/s_y.
   */
  const prior = Float64Array.from([50, 60, 70, 60, 40, 60, 80, 60, 50, 70, 50, 70, 60, 60, 90, A]);
  const current = Float64Array.from([58, 64, 68, 62, 49, 60, 69, 58, 54, 64, 52, 62, 61, 59, A, 60]);
  const units = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 0, 1]);
  const sy = Math.sqrt(416 / 14);

  it('OLS, residuals, σ², τ² and shrunk unit VA (hand-worked)', () => {
    const v = valueAdded(prior, current, units, 4, 3)!;
    expect(v.n).toBe(14);
    expect(v.slope).toBeCloseTo((0.5 * Math.sqrt(160)) / sy, 12);
    expect(v.intercept).toBeCloseTo(1 / sy, 12);
    expect(v.residuals[1]).toBeCloseTo(4 / sy, 12);
    expect(Number.isNaN(v.residuals[14])).toBe(true);
    expect(Number.isNaN(v.residuals[15])).toBe(true);
    expect(v.sigma2).toBeCloseTo(8 / 9 / (sy * sy), 12);
    expect(v.tau2).toBeCloseTo(61 / 9 / (sy * sy), 12);
    const [u0, u1, u2, u3] = v.units;
    expect(u0.n).toBe(4);
    expect(u1.n).toBe(4);
    expect(u0.meanResidual).toBeCloseTo(3 / sy, 12);
    expect(u0.shrinkage).toBeCloseTo(61 / 63, 12);
    expect(u0.va).toBeCloseTo(61 / 21 / sy, 12);
    expect(u1.va).toBeCloseTo(-61 / 63 / sy, 12);
    expect(u2.va).toBeCloseTo((-2 * 61) / 63 / sy, 12);
    const se = Math.sqrt((61 / 63) * (2 / 9)) / sy;
    expect(u0.se).toBeCloseTo(se, 12);
    expect(u0.rawSe).toBeCloseTo(Math.sqrt(2 / 9) / sy, 12);
    expect(u0.ciLow).toBeCloseTo(61 / 21 / sy - Z_975 * se, 12);
    expect(u0.ciHigh).toBeCloseTo(61 / 21 / sy + Z_975 * se, 12);
    expect(u0.notDifferent).toBe(false);
    expect(u3).toEqual({
      unit: 3,
      n: 2,
      meanResidual: null,
      rawSe: null,
      shrinkage: null,
      va: null,
      se: null,
      ciLow: null,
      ciHigh: null,
      notDifferent: null,
    });
  });

  it('τ² floored at 0: equal unit means shrink every VA to 0', () => {
    // both units hold the same (x, y) pairs → equal mean residuals → between-unit variance 0, so
    // τ² = max(0, 0 − σ²/3) = 0 and λ = 0: VA 0 with SE 0 (the interval [0, 0] holds 0)
    const x2 = Float64Array.from([1, 2, 3, 1, 2, 3]);
    const y2 = Float64Array.from([1, 3, 2, 1, 3, 2]);
    const w = valueAdded(x2, y2, Int32Array.from([0, 0, 0, 1, 1, 1]), 2, 3)!;
    expect(w.tau2).toBe(0);
    expect(w.units[0].shrinkage).toBe(0);
    expect(w.units[0].va).toBe(0);
    expect(w.units[0].se).toBe(0);
    expect(w.units[0].notDifferent).toBe(true);
  });

  it('undefined regressions are null; shapes are checked', () => {
    expect(valueAdded([1, 2, 3], [5, 5, 5], Int32Array.from([0, 0, 0]), 1)).toBeNull(); // zero variance
    expect(valueAdded([1, 2, A, A], [A, A, 3, 4], Int32Array.from([0, 0, 0, 0]), 1)).toBeNull(); // nobody sat both
    expect(() => valueAdded([1], [1, 2], Int32Array.from([0, 0]), 1)).toThrow(RangeError);
    // a single eligible unit: τ² undefined → VA null but n and the mean residual reported
    const v = valueAdded([1, 2, 3, 4], [2, 1, 4, 3], Int32Array.from([0, 0, 0, 0]), 1, 3)!;
    expect(v.tau2).toBeNull();
    expect(v.units[0]).toMatchObject({ n: 4, va: null, se: null });
    expect(v.units[0].meanResidual).toBeCloseTo(0, 12);
  });

  it('agrees with a naive computation on random data (slope = r·s_y/s_x on the both-sample)', () => {
    let seed = 17;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const n = 400;
    const U = 9;
    const u = Int32Array.from({ length: n }, () => Math.floor(rnd() * U));
    const px = Float64Array.from({ length: n }, () => (rnd() < 0.05 ? A : Math.round(rnd() * 100)));
    const cy = Float64Array.from({ length: n }, (_, i) =>
      rnd() < 0.05 ? A : (Number.isNaN(px[i]) ? 50 : px[i]) * 0.7 + u[i] * 2 + rnd() * 30,
    );
    const v = valueAdded(px, cy, u, U, 5)!;
    // naive: Z by hand over each exam's sitters
    const z = (a: Float64Array) => {
      const xs = [...a].filter((x) => !Number.isNaN(x));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
      return [...a].map((x) => (x - mean) / sd);
    };
    const zx = z(px);
    const zy = z(cy);
    const both = zx.map((_, i) => i).filter((i) => !Number.isNaN(zx[i]) && !Number.isNaN(zy[i]));
    const mean = (is: number[], f: (i: number) => number) => is.reduce((s, i) => s + f(i), 0) / is.length;
    const mx = mean(both, (i) => zx[i]);
    const my = mean(both, (i) => zy[i]);
    const sdx = Math.sqrt(both.reduce((s, i) => s + (zx[i] - mx) ** 2, 0));
    const sdy = Math.sqrt(both.reduce((s, i) => s + (zy[i] - my) ** 2, 0));
    const r = both.reduce((s, i) => s + (zx[i] - mx) * (zy[i] - my), 0) / (sdx * sdy);
    const b1 = (r * sdy) / sdx;
    const b0 = my - b1 * mx;
    expect(v.slope).toBeCloseTo(b1, 10);
    expect(v.intercept).toBeCloseTo(b0, 10);
    // unit means and σ², τ² by a different arrangement (per-unit arrays)
    const per = Array.from({ length: U }, (_, g) => both.filter((i) => u[i] === g).map((i) => zy[i] - b0 - b1 * zx[i]));
    const eMeans = per.map((es) => es.reduce((s, e) => s + e, 0) / es.length);
    const within = per.reduce((s, es, g) => s + es.reduce((t, e) => t + (e - eMeans[g]) ** 2, 0), 0);
    const sigma2 = within / (both.length - U);
    expect(v.sigma2).toBeCloseTo(sigma2, 10);
    const grand = eMeans.reduce((s, e) => s + e, 0) / U;
    const between = eMeans.reduce((s, e) => s + (e - grand) ** 2, 0) / (U - 1);
    const tau2 = Math.max(0, between - per.reduce((s, es) => s + sigma2 / es.length, 0) / U);
    expect(v.tau2).toBeCloseTo(tau2, 10);
    expect(tau2).toBeGreaterThan(0);
    for (let g = 0; g < U; g++) {
      const lam = tau2 / (tau2 + sigma2 / per[g].length);
      expect(v.units[g].n).toBe(per[g].length);
      expect(v.units[g].va).toBeCloseTo(lam * eMeans[g], 10);
      expect(v.units[g].se).toBeCloseTo(Math.sqrt((lam * sigma2) / per[g].length), 10);
    }
  });
});

describe('conditionalPercentiles (同起点比较)', () => {
  /**
   * 6 who sat both + 1 absent from the current exam. Prior 10, 20, 30, 40, 50, 60 → PR₀ = 100·(below + 0.5)/6:
   * 8.33, 25, 41.67, 58.33, 75, 91.67 → 2 bands: ⌊PR₀·2/100⌋ = 0, 0, 0, 1, 1, 1.
   * Current 5, 9, 7 (band 0) → PR within band: 5 → 100·0.5/3, 9 → 100·2.5/3, 7 → 100·1.5/3;
   * current 1, 1, 3 (band 1) → 1, 1 tied → 100·1/3 each, 3 → 100·2.5/3.
   */
  it('bands by prior 百分等级, percentile of the current score within the band', () => {
    const prior = Float64Array.from([10, 20, 30, 40, 50, 60, 70]);
    const current = Float64Array.from([5, 9, 7, 1, 1, 3, A]);
    const r = conditionalPercentiles(prior, current, 2);
    expect([...r.band]).toEqual([0, 0, 0, 1, 1, 1, -1]);
    const want = [50 / 3, 250 / 3, 50, 100 / 3, 100 / 3, 250 / 3];
    for (let i = 0; i < 6; i++) expect(r.percentile[i]).toBeCloseTo(want[i], 12);
    expect(Number.isNaN(r.percentile[6])).toBe(true);
  });

  it('unit medians (type 7), NaN skipped', () => {
    const m = unitMedians(Float64Array.from([10, 40, 20, A, 5]), Int32Array.from([0, 0, 0, 1, 1]), 3);
    expect(m).toEqual([20, 5, null]);
  });
});
