/** scripts/load-tools.ts: the soak's trend, the slope that tells a swing of RSS from a growth, and the medians the scripts report. */
import { leastSquaresSlope, median } from '../../../scripts/load-tools';

describe('median', () => {
  it('is the middle value once sorted, the upper middle one for an even count, and leaves its input as it was', () => {
    const values = [9.2, 4.1, 7.7];
    expect(median(values)).toBe(7.7);
    expect(values).toEqual([9.2, 4.1, 7.7]);
    expect(median([190, 236, 179, 201, 187, 187])).toBe(190);
    expect(median([5])).toBe(5);
  });

  it('has none for no values', () => {
    expect(median([])).toBeNull();
  });
});

describe('leastSquaresSlope', () => {
  it('is the growth per interval of a straight line, and 0 for a level one', () => {
    expect(leastSquaresSlope([100, 102, 104, 106])).toBeCloseTo(2);
    expect(leastSquaresSlope([250, 250, 250])).toBe(0);
  });

  it('reads a swing around a level as nearly level, and a slow growth under a swing as growth', () => {
    const swing = [198, 239, 225, 241, 203, 187, 203, 199, 234, 250, 198, 239, 225, 241, 203, 187, 203, 199, 234, 250];
    expect(Math.abs(leastSquaresSlope(swing)!)).toBeLessThan(1);
    const leaking = swing.map((mb, i) => mb + i * 5);
    expect(leastSquaresSlope(leaking)!).toBeGreaterThan(4);
  });

  it('has no slope for fewer than two samples', () => {
    expect(leastSquaresSlope([])).toBeNull();
    expect(leastSquaresSlope([300])).toBeNull();
  });
});
