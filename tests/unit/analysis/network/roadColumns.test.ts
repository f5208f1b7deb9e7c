// The columnar form of road lines (src/analysis/network/roadColumns.ts): what
// goes in comes back (positions, the chosen fields' values, absent fields
// absent), the fields are the ones the graph builder reads, and the builder
// makes the same graph from the columns as from the objects.
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, NetworkInputError, type RoadLine } from '../../../../src/analysis/network/graph';
import { networkFieldsOf, roadColumnsOf, roadLinesFromColumns } from '../../../../src/analysis/network/roadColumns';
import { digestLines } from '../../../../src/analysis/network/patch';
import { at, riverGrid } from './roads';

describe('road columns', () => {
  it('keeps positions, the chosen fields’ values (null and Chinese included) and which lines lack them', () => {
    const lines: RoadLine[] = [
      { coordinates: [at(0, 0), at(100, 0)], properties: { 等级: '主干路', oneway: '是', name: '一路' } },
      { coordinates: [[...at(0, 100), 42], at(100, 100)], properties: { 等级: null } },
      { coordinates: [at(0, 200), [null, 32.98] as unknown as number[], ['114.02', 32.98] as unknown as number[], at(100, 200)], properties: {} },
      { coordinates: [], properties: { 等级: '主干路', oneway: 1 } },
    ];
    const columns = roadColumnsOf(lines, ['等级', 'oneway']);
    expect([...columns.lineStart]).toEqual([0, 2, 4, 8, 8]);
    expect(columns.values).toEqual(['主干路', '是', null, 1]);
    expect([...columns.valueIndex]).toEqual([0, 1, 2, -1, -1, -1, 0, 3]);
    const back = roadLinesFromColumns(columns);
    expect(back.map((line) => line.properties)).toEqual([{ 等级: '主干路', oneway: '是' }, { 等级: null }, {}, { 等级: '主干路', oneway: 1 }]);
    expect(Object.keys(back[2]!.properties)).toEqual([]);
    // The third dimension is not read by the network; a position without numbers becomes NaN, which the builder skips as it skipped the original.
    expect(back[1]!.coordinates).toEqual([at(0, 100), at(100, 100)]);
    expect(back[2]!.coordinates[1]).toEqual([NaN, 32.98]);
    expect(back[2]!.coordinates[2]).toEqual([NaN, 32.98]);
  });

  it('gives lines with the same values one properties object', () => {
    const lines = riverGrid(4, 100, 2, [1]);
    const back = roadLinesFromColumns(roadColumnsOf(lines, ['highway']));
    expect(new Set(back.map((line) => line.properties)).size).toBe(1);
  });

  it('chooses the fields the graph builder reads, in the order it meets them, and refuses a field the layer lacks as it does', () => {
    const lines: RoadLine[] = [{ coordinates: [at(0, 0), at(100, 0)], properties: { name: '一路', ONEWAY: 'yes', Speed: 40, 道路等级: '支路', type: 'x' } }];
    expect(networkFieldsOf(lines, {})).toEqual(['ONEWAY', '道路等级']);
    expect(networkFieldsOf(lines, { classField: 'TYPE', speedField: 'speed' })).toEqual(['ONEWAY', 'Speed', 'type']);
    expect(networkFieldsOf(lines, { classField: null, oneWayField: null })).toEqual([]);
    expect(() => networkFieldsOf(lines, { classField: '车道' })).toThrow(NetworkInputError);
  });

  it('builds the same graph from the columns as from the objects', () => {
    const lines = riverGrid(10, 100, 5, [0, 7]).map((line, i) => ({ ...line, properties: { ...line.properties, name: `路${i}`, oneway: i % 4 === 0 ? 'yes' : 'no' } }));
    const fields = networkFieldsOf(lines, {});
    const fromColumns = buildRoadGraph(roadLinesFromColumns(roadColumnsOf(lines, fields)), {});
    const fromObjects = buildRoadGraph(lines, {});
    expect(fromColumns).toEqual(fromObjects);
    expect(fromColumns.facts.oneWayField).toBe('oneway');
    expect(fromColumns.edgeOneWay.some((flag) => flag === 1)).toBe(true);
  });

  it('hands the network views of the shared positions, hashed and boxed as the objects are', () => {
    const lines = riverGrid(6, 100, 3, [2]);
    const fields = networkFieldsOf(lines, {});
    const columns = roadColumnsOf(lines, fields);
    const back = roadLinesFromColumns(columns);
    // No copy per line: each line's positions are a view of the one transferred array.
    expect(back.every((line) => line.positions?.buffer === columns.positions.buffer)).toBe(true);
    const fromObjects = digestLines(lines.map((line) => ({ ...line, properties: Object.fromEntries(fields.filter((f) => f in line.properties).map((f) => [f, line.properties[f]])) })));
    const fromColumns = digestLines(back);
    expect(fromColumns.hashes).toEqual(fromObjects.hashes);
    expect([...fromColumns.boxes]).toEqual([...fromObjects.boxes]);
  });
});
