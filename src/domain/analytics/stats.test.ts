import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, erf, lnGamma, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './stats';

/**
 * Reference values: the standard normal and Student-t tables (e.g. NIST/SEMATECH e-Handbook of
 * Statistical Methods, §1.3.6.7.1 and §1.3.6.7.2), to the digits printed there; where more digits
 * are asserted they were checked against SciPy 1.17 (scipy.stats.norm / t / chi2).
 * Tolerances: `toBeCloseTo(v, d)` passes when |actual − v| < 10^−d / 2.
 */

describe('ln Γ', () => {
  it.each([
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1, 0],
    [5, Math.log(24)],
    [10, Math.log(362_880)],
    [0.1, 2.252712651734206],
    [100.5, 361.43554046777757],
  ])('lnΓ(%d)', (x, v) => {
    expect(lnGamma(x)).toBeCloseTo(v, 11);
  });
});

describe('the standard normal', () => {
  it.each([
    [0, 0.5, 15],
    [1, 0.8413447460685429, 12],
    [1.96, 0.9750021048517795, 12],
    [-1.645, 0.0499849055, 9],
    [2.5758, 0.9949995758, 9],
    [-3, 0.0013498980316301, 13],
  ])('Φ(%d) = %d', (z, p, digits) => {
    expect(normalCdf(z)).toBeCloseTo(p, digits);
  });

  it('keeps the far tail: Φ(−8) = 6.22096e−16 to 5 significant digits', () => {
    expect(normalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 5);
  });

  it('erf is odd, erf(1) = 0.8427007929497149', () => {
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 13);
    expect(erf(-1)).toBe(-erf(1));
  });

  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.5, 0],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%d) = %d', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 9);
  });

  it('Φ(Φ⁻¹(p)) = p across the range', () => {
    for (const p of [1e-12, 0.001, 0.2, 0.5, 0.77, 0.999, 1 - 1e-9]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 9);
  });
});

describe("Student's t", () => {
  it.each([
    [1, 12.706204736174696],
    [2, 4.302652729749464],
    [10, 2.2281388519862744],
    [30, 2.0422724563012373],
    [17.776, 2.102821307],
  ])('t(0.975, df = %d) = %d', (df, t) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 8);
  });

  it('the printed table values: t(0.975, 10) = 2.228, t(0.95, 5) = 2.015, t(0.995, 20) = 2.845', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.95, 5)).toBeCloseTo(2.015, 3);
    expect(studentTQuantile(0.995, 20)).toBeCloseTo(2.845, 3);
  });

  it('matches the closed forms for 1 and 2 degrees of freedom (Cauchy; t₂)', () => {
    for (const t of [-7, -1.3, 0, 0.4, 2, 25]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
  });

  it('approaches the normal as the degrees of freedom grow', () => {
    expect(studentTCdf(1.96, 1e7)).toBeCloseTo(normalCdf(1.96), 7);
    expect(studentTCdf(2.228, 10)).toBeCloseTo(0.974994114, 8);
  });
});

describe('χ²', () => {
  it.each([
    [3.841458820694124, 1, 0.05],
    [5.991464547107979, 2, 0.05],
    [12.600411297127632, 3, 0.005585476661627],
    [0, 4, 1],
  ])('P(χ² > %d | df = %d) = %d', (x, df, p) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(p, 12);
  });
});
