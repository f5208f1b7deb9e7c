import { describe, expect, it } from 'vitest';
import { formatDms, parseTypedCoordinate } from '../../../src/domain/coordinateText';
import { readTypedPosition } from '../../../src/io/typedCoordinates';

const degreesOf = (text: string) => {
  const parsed = parseTypedCoordinate(text);
  if (parsed.kind !== 'degrees') throw new Error(`${text}: ${JSON.stringify(parsed)}`);
  return parsed;
};

describe('typed degrees', () => {
  it('reads decimal degrees in either order and with Chinese punctuation', () => {
    expect(degreesOf('114.0294, 32.9794')).toMatchObject({ lon: 114.0294, lat: 32.9794, swapped: false });
    expect(degreesOf('32.9794，114.0294')).toMatchObject({ lon: 114.0294, lat: 32.9794, swapped: true });
    expect(degreesOf('114.0294 32.9794')).toMatchObject({ lon: 114.0294, lat: 32.9794 });
  });

  it('reads 度分秒 in the usual spellings', () => {
    const expected = { lon: 114 + 1 / 60 + 46 / 3600, lat: 32 + 58 / 60 + 46 / 3600 };
    for (const text of [
      `114°01'46"E 32°58'46"N`,
      '114°01′46″E, 32°58′46″N',
      'E114°1′46″ N32°58′46″',
      '32°58′46″N 114°01′46″E',
      '东经114度1分46秒 北纬32度58分46秒',
      '北纬32度58分46秒，东经114度1分46秒',
      "114°01'46''E 32°58'46''N",
      '114°01′46″ 32°58′46″',
    ]) {
      const parsed = degreesOf(text);
      expect(parsed.lon, text).toBeCloseTo(expected.lon, 9);
      expect(parsed.lat, text).toBeCloseTo(expected.lat, 9);
    }
    expect(degreesOf('114° E, 32.5° N')).toMatchObject({ lon: 114, lat: 32.5 });
  });

  it('says what is wrong instead of guessing', () => {
    for (const text of ['', '114.03', 'abc, 32', '114°75′00″E 32°58′46″N', '114°E 115°E', '114°01′46″E 32°58′46″N 5', '500, 32']) {
      const parsed = parseTypedCoordinate(text);
      expect(parsed.kind, text).toBe('invalid');
      if (parsed.kind === 'invalid') {
        expect(parsed.message.zh.length).toBeGreaterThan(4);
        expect(parsed.message.en.length).toBeGreaterThan(4);
      }
    }
  });

  it('writes a position back as 度分秒', () => {
    expect(formatDms(114 + 1 / 60 + 46 / 3600, 32 + 58 / 60 + 46 / 3600)).toBe('114°01′46.0″E 32°58′46.0″N');
  });
});

describe('typed Gauss–Krüger metres (CGCS2000, 3-degree zone 38)', () => {
  // Reference values from GDAL (not proj4.js):
  //   echo "114.02944 32.97944" | gdaltransform -s_srs EPSG:4490 -t_srs EPSG:4526 → 38502751.9006 3650468.2360
  //   … -t_srs EPSG:4547 (no zone prefix) → 502751.9006 3650468.2360
  //   echo "113.5 33.2" | gdaltransform -s_srs EPSG:4490 -t_srs EPSG:4526 → 38453378.8615 3675040.6794
  const cases: [string, [number, number]][] = [
    ['38502751.90, 3650468.24', [114.02944, 32.97944]],
    ['502751.90 3650468.24', [114.02944, 32.97944]],
    ['3650468.24, 38502751.90', [114.02944, 32.97944]],
    ['3675040.68 38453378.86', [113.5, 33.2]],
  ];
  for (const [text, [lon, lat]] of cases)
    it(`reads ${text}`, () => {
      const position = readTypedPosition(text);
      if (!position.ok) throw new Error(position.message.en);
      // 1e-6° ≈ 0.1 m: proj4.js and GDAL agree far better than that.
      expect(position.lonLat[0]).toBeCloseTo(lon, 6);
      expect(position.lonLat[1]).toBeCloseTo(lat, 6);
    });

  it('says how it read the numbers: zone prefix or not, axes swapped', () => {
    const prefixed = readTypedPosition('3650468.24, 38502751.90');
    expect(prefixed.ok && prefixed.reading.zh).toContain('38 带（含带号）');
    expect(prefixed.ok && prefixed.reading.zh).toContain('已对调');
    const plain = readTypedPosition('502751.90 3650468.24');
    expect(plain.ok && plain.reading.en).toContain('zone 38 (central meridian 114°E) assumed');
  });

  it('refuses metres that fit no Gauss–Krüger zone, saying what is expected', () => {
    const position = readTypedPosition('95000000, 3650468');
    expect(position.ok).toBe(false);
    if (!position.ok) expect(position.message.zh).toContain('150 000～850 000');
  });
});
