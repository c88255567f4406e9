import { describe, expect, it } from 'vitest';
import { compass, headingAcross, lineEnds, projection } from './geo';

describe('start/finish line geometry', () => {
  const p = projection(45, 7);

  it('puts the ends across the direction of travel', () => {
    const [a, b] = lineEnds({ lat: 45, lon: 7, radius_m: 15, heading: 90 }, p);  // travelling east
    expect(a[0]).toBeCloseTo(0, 6);
    expect(b[0]).toBeCloseTo(0, 6);
    expect(Math.abs(a[1] - b[1])).toBeCloseTo(30, 6);
  });

  it('turning by an end keeps the direction of travel', () => {
    expect(headingAcross(0, 10, 90)).toBeCloseTo(90, 6);     // line north-south: travel east
    expect(headingAcross(0, -10, 90)).toBeCloseTo(90, 6);    // the other end: still east
    expect(headingAcross(10, 10, 80)).toBeCloseTo(135, 6);   // line turned 45°
    expect(headingAcross(10, 10, 300)).toBeCloseTo(315, 6);  // travelling the other way
  });

  it('compass headings are clockwise from north', () => {
    expect(compass(0, 1)).toBe(0);
    expect(compass(1, 0)).toBe(90);
    expect(compass(-1, 0)).toBe(270);
  });
});
