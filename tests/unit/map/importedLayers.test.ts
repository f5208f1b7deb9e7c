// Imported layers' draw data (src/map/importedLayers.ts): a layer of located
// points that came as columns is drawn from its columns' positions without
// walking its features; it must give exactly what walking them gives.
import { describe, expect, it } from 'vitest';
import type { ScenarioFeature } from '../../../src/domain/scenario';
import { packFeatures, unpackFeatures, unpackFeaturesInSlices } from '../../../src/io/featureColumns';
import { drawDataFromColumns, drawDataFromFeatures, importedDrawData } from '../../../src/map/importedLayers';

const point = (id: string, coordinates: [number, number] | null): ScenarioFeature => ({ type: 'Feature', geometry: coordinates && { type: 'Point', coordinates }, properties: { id, 名称: id } });
const points = Array.from({ length: 2_500 }, (_, i) => point(`p${i}`, [113.5 + (i % 50) * 0.01, 32.5 + Math.floor(i / 50) * 0.01]));

describe('imported points drawn from their columns', () => {
  it('give the positions, features and indices that walking the features gives', async () => {
    const rebuilt = unpackFeatures(packFeatures(points)!);
    const fromColumns = drawDataFromColumns(rebuilt)!;
    const walked = drawDataFromFeatures(rebuilt);
    expect(fromColumns.pointCount).toBe(walked.pointCount);
    expect([...fromColumns.pointPositions]).toEqual([...walked.pointPositions]);
    expect([...fromColumns.pointFeatureIndex]).toEqual([...walked.pointFeatureIndex]);
    expect(fromColumns.pointFeatures.every((feature, i) => feature === walked.pointFeatures[i])).toBe(true);
    expect(fromColumns.shapes).toBeNull();
    // The app's path takes the columns' own positions: no copy of 100,000 points.
    expect(importedDrawData(rebuilt).pointPositions.buffer).toBe(fromColumns.pointPositions.buffer);
    // Sliced rebuilding gives the same features, and the same drawing.
    let pauses = 0;
    const sliced = await unpackFeaturesInSlices(packFeatures(points)!, async () => void pauses++, 1_000);
    expect(pauses).toBe(2);
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(points));
    expect([...drawDataFromColumns(sliced)!.pointPositions]).toEqual([...walked.pointPositions]);
  });

  it('are walked when a feature has no geometry or is not a point', () => {
    const withUnlocated = unpackFeatures(packFeatures([...points.slice(0, 10), point('none', null), ...points.slice(10, 20)])!);
    expect(drawDataFromColumns(withUnlocated)).toBeNull();
    const drawn = importedDrawData(withUnlocated);
    expect(drawn.pointCount).toBe(20);
    expect(drawn.pointFeatureIndex[10]).toBe(11);
    const line: ScenarioFeature = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[114, 33], [114.1, 33]] }, properties: { id: 'l' } };
    const mixed = [...points.slice(0, 5), line];
    expect(drawDataFromColumns(mixed)).toBeNull();
    expect(importedDrawData(mixed).shapes?.features).toEqual([line]);
  });
});
