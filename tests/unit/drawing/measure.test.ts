import { describe, expect, it } from 'vitest';
import { describeMeasurement, formatArea, formatLength, measureGeometry, SQUARE_METRES_PER_MU } from '../../../src/domain/measure';

// A square 0.01° on a side at 驻马店's latitude; its size comes from the sphere, checked against GDAL below.
const square = {
  type: 'Polygon' as const,
  coordinates: [[[114, 33], [114.01, 33], [114.01, 33.01], [114, 33.01], [114, 33]]],
};

describe('measureGeometry', () => {
  it('measures a line along a meridian: 0.1° of latitude is about 11.1 km', () => {
    const measurement = measureGeometry({ type: 'LineString', coordinates: [[114, 33], [114, 33.1]] });
    expect(measurement?.kind).toBe('length');
    // Haversine on the mean Earth radius (6371.0088 km): 0.1° = 11.1195 km.
    expect(measurement && measurement.kind === 'length' ? measurement.metres : NaN).toBeCloseTo(11_119.5, 0);
  });

  it('measures a polygon’s area and perimeter on the sphere', () => {
    const measurement = measureGeometry(square);
    if (!measurement || measurement.kind !== 'area') throw new Error('expected an area');
    // ogr2ogr -dialect SQLite "SELECT ST_Area(geom, 1)" (ellipsoid) gives 1,036,380 m² and a 4,087 m perimeter for this square;
    // turf's sphere agrees within 0.5 %.
    expect(measurement.squareMetres / 1_036_380).toBeGreaterThan(0.995);
    expect(measurement.squareMetres / 1_036_380).toBeLessThan(1.005);
    expect(measurement.perimeterMetres).toBeGreaterThan(4087 * 0.995);
    expect(measurement.perimeterMetres).toBeLessThan(4087 * 1.005);
  });

  it('gives nothing for a point or no geometry', () => {
    expect(measureGeometry({ type: 'Point', coordinates: [114, 33] })).toBeNull();
    expect(measureGeometry(null)).toBeNull();
  });
});

describe('formatting for planners', () => {
  it('writes short lengths in metres and long ones in kilometres, in zh and en', () => {
    expect(formatLength(850.4, 'zh')).toBe('850 米');
    expect(formatLength(850.4, 'en')).toBe('850 m');
    expect(formatLength(12_345, 'zh')).toBe('12.3 千米');
    expect(formatLength(12_345, 'en')).toBe('12.3 km');
    expect(formatLength(1_234_567, 'en')).toBe('1,235 km');
  });

  it('gives areas in km² with 亩 and 公顷 (1 亩 = 666.667 m², 1 公顷 = 10 000 m²)', () => {
    expect(SQUARE_METRES_PER_MU).toBeCloseTo(666.667, 3);
    expect(formatArea(2_350_000, 'zh')).toBe('2.35 平方千米（3,525 亩，235 公顷）');
    expect(formatArea(2_350_000, 'en')).toBe('2.35 km² (3,525 mu, 235 ha)');
    expect(formatArea(6_666.67, 'zh')).toBe('6,667 平方米（10 亩，0.667 公顷）');
  });

  it('describes a measurement in one line', () => {
    expect(describeMeasurement({ kind: 'length', metres: 1500 }, 'zh')).toBe('长度 1.5 千米');
    expect(describeMeasurement({ kind: 'area', squareMetres: 1_000_000, perimeterMetres: 4000 }, 'en')).toBe('Area 1 km² (1,500 mu, 100 ha) · perimeter 4 km');
  });
});
