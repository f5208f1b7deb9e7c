// Writes the inputs of the network golden fixture
// tests/fixtures/analysis/network-river-one-bridge-walk15/in/ (run once with
// `npx tsx tools/network-fixture.ts`, then `npm run fixtures`): a 2 × 2 km
// street grid in central 驻马店 cut by an east–west river with one bridge, an
// expressway walkers may not use, one road of a class the speeds table does
// not know, a village lane that joins nothing, two facilities and targets on
// both banks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const LON0 = 114.02;
const LAT0 = 32.98;
const KY = 111_319.49;
const KX = KY * Math.cos((LAT0 * Math.PI) / 180);
const at = (x: number, y: number) => [Math.round((LON0 + x / KX) * 1e7) / 1e7, Math.round((LAT0 + y / KY) * 1e7) / 1e7];
const line = (points: [number, number][], properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates: points.map(([x, y]) => at(x, y)) },
});
const point = (x: number, y: number, properties: Record<string, unknown>) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: at(x, y) } });

const roads: unknown[] = [];
const size = 10;
const block = 200;
const riverRow = 5; // the river runs between y = 1,000 m and y = 1,200 m
for (let j = 0; j <= size; j++)
  roads.push(line(Array.from({ length: size + 1 }, (_, i) => [i * block, j * block]), { name: `纬${j}路`, 等级: j === 2 ? '景观路' : '支路' }));
for (let i = 0; i <= size; i++) {
  roads.push(line(Array.from({ length: riverRow + 1 }, (_, j) => [i * block, j * block]), { name: `经${i}路南段`, 等级: '次干路' }));
  roads.push(line(Array.from({ length: size - riverRow }, (_, j) => [i * block, (riverRow + 1 + j) * block]), { name: `经${i}路北段`, 等级: '次干路' }));
}
roads.push(line([[0, riverRow * block], [0, (riverRow + 1) * block]], { name: '西桥', 等级: '主干路' }));
// An expressway across the river: walkers may not use it, so it is no bridge for them.
roads.push(line([[-400, 1100], [1000, 1100], [2400, 1100]], { name: '快速路', 等级: '城市快速路' }));
roads.push(line([[2600, 2600], [3000, 2600]], { name: '村道', 等级: '村道' }));

const facilities = [point(1000, 800, { id: 'school-south', name: '南岸学校' }), point(400, 1800, { id: 'clinic-north', name: '北岸卫生站' })];
const targets = [
  point(1000, 1400, { id: 'across-river', name: '河对岸小区', weight: 1200 }),
  point(1200, 600, { id: 'same-bank', name: '同岸小区', weight: 800 }),
  point(1800, 1600, { id: 'north-east', name: '东北小区', weight: 500 }),
  point(2800, 2650, { id: 'village', name: '孤立村庄', weight: 300 }),
  point(5000, 5000, { id: 'far-away', name: '远郊点', weight: 100 }),
];

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/analysis/network-river-one-bridge-walk15/in');
mkdirSync(dir, { recursive: true });
const collection = (features: unknown[]) => `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;
writeFileSync(join(dir, 'roads.geojson'), collection(roads));
writeFileSync(join(dir, 'facilities.geojson'), collection(facilities));
writeFileSync(join(dir, 'targets.geojson'), collection(targets));
writeFileSync(join(dir, 'params.json'), `${JSON.stringify({ analysis: 'network', spec: { mode: 'walk', minutes: 15, networkLayer: 'roads' } }, null, 1)}\n`);
console.log(`wrote ${dir}`);
