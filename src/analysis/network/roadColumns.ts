// Road lines as columns, the form in which they cross to the analysis worker:
// a million-segment layer as arrays of objects costs postMessage a walk over
// a million small arrays on the main thread, as one Float64Array it costs
// nothing (transferred). Only what the network reads crosses: the positions
// (longitude, latitude) and the values of the fields the graph builder will
// use (class, speed, one-way), chosen here by the builder's own rule
// (pickField over the same lines), so the worker picks the same fields from
// the columns as it would from the objects and every result is the same.
import { pickField, type GraphOptions, type RoadLine } from './graph';
import { CLASS_FIELD_GUESSES, ONE_WAY_FIELD_GUESSES } from './speeds';

export interface RoadColumns {
  /** Every line's positions one after another, longitude and latitude interleaved; NaN where a position held no number. */
  positions: Float64Array;
  /** Line i is positions lineStart[i] … lineStart[i + 1] - 1 (counted in positions, not numbers); one entry more than lines. */
  lineStart: Int32Array;
  /** The fields the network reads, as they are spelt in the layer. */
  fields: string[];
  /** Per line and field (line i, field f at i × fields.length + f): the index of its value in `values`, -1 where the line has no such field. */
  valueIndex: Int32Array;
  /** Each distinct value once (a class column holds a dozen values for a million lines). */
  values: unknown[];
}

/** The fields the graph builder reads from these lines with these options (throws its NetworkInputError for a field the layer lacks). */
export function networkFieldsOf(lines: readonly RoadLine[], options: Pick<GraphOptions, 'classField' | 'speedField' | 'oneWayField'>): string[] {
  const fields = [
    pickField(lines, options.classField, CLASS_FIELD_GUESSES),
    options.speedField ? pickField(lines, options.speedField, []) : null,
    pickField(lines, options.oneWayField, ONE_WAY_FIELD_GUESSES),
  ];
  // In the order the builder meets them (the first lines' keys), so its own picks over the columns break ties as over the objects.
  const keys = new Set<string>();
  for (const line of lines.slice(0, 2000)) for (const key of Object.keys(line.properties)) keys.add(key);
  const order = [...keys];
  return [...new Set(fields.filter((field): field is string => field !== null))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** Lines read between two yields of roadColumnsSteps (a few hundred microseconds of work). */
const LINES_PER_STEP = 1024;

/** The lines' positions and the values of `fields` as columns. */
export function roadColumnsOf(lines: readonly RoadLine[], fields: readonly string[]): RoadColumns {
  const steps = roadColumnsSteps(lines, fields);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** roadColumnsOf as steps: yields every few thousand lines, so a caller on the main thread can pause between them. */
export function* roadColumnsSteps(lines: readonly RoadLine[], fields: readonly string[]): Generator<void, RoadColumns> {
  let positionCount = 0;
  for (const line of lines) positionCount += line.coordinates.length;
  const positions = new Float64Array(2 * positionCount);
  const lineStart = new Int32Array(lines.length + 1);
  const valueIndex = new Int32Array(lines.length * fields.length);
  const values: unknown[] = [];
  const indexOfValue = new Map<unknown, number>();
  let p = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    lineStart[i] = p;
    for (const position of line.coordinates) {
      // A Float64Array would read null as 0 and '114' as 114; the builder skips both, so they become NaN, which it skips too.
      const x = position[0];
      const y = position[1];
      positions[2 * p] = typeof x === 'number' ? x : NaN;
      positions[2 * p + 1] = typeof y === 'number' ? y : NaN;
      p++;
    }
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f]!;
      if (!Object.hasOwn(line.properties, field)) {
        valueIndex[i * fields.length + f] = -1;
        continue;
      }
      const value = line.properties[field];
      let index = indexOfValue.get(value);
      if (index === undefined) {
        index = values.length;
        values.push(value);
        indexOfValue.set(value, index);
      }
      valueIndex[i * fields.length + f] = index;
    }
    if (i % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
  }
  lineStart[lines.length] = p;
  return { positions, lineStart, fields: [...fields], valueIndex, values };
}

/** The buffers to move with the columns. */
export const roadColumnsTransfer = (columns: RoadColumns): ArrayBuffer[] => [
  columns.positions.buffer as ArrayBuffer,
  columns.lineStart.buffer as ArrayBuffer,
  columns.valueIndex.buffer as ArrayBuffer,
];

/**
 * A line read from the columns: its positions are a view of the shared
 * array, which the network reads; the coordinate arrays of GeoJSON are made
 * only if something asks for them (a million small arrays were most of the
 * garbage a worker run collected).
 */
class ColumnRoadLine implements RoadLine {
  constructor(
    readonly positions: Float64Array,
    readonly properties: Record<string, unknown>,
  ) {}

  get coordinates(): [number, number][] {
    const coordinates = new Array<[number, number]>(this.positions.length / 2);
    for (let k = 0; k < coordinates.length; k++) coordinates[k] = [this.positions[2 * k]!, this.positions[2 * k + 1]!];
    return coordinates;
  }
}

/**
 * The lines again, for the graph builder: each with its positions and only
 * the chosen fields. Lines with the same values share one properties object
 * (a million lines, a few dozen distinct objects).
 */
export function roadLinesFromColumns(columns: RoadColumns): RoadLine[] {
  const { positions, lineStart, fields, valueIndex, values } = columns;
  const lineCount = lineStart.length - 1;
  const width = fields.length;
  const shared = new Map<string, Record<string, unknown>>();
  const lines = new Array<RoadLine>(lineCount);
  for (let i = 0; i < lineCount; i++) {
    let key = '';
    for (let f = 0; f < width; f++) key += `${valueIndex[i * width + f]},`;
    let properties = shared.get(key);
    if (!properties) {
      properties = {};
      for (let f = 0; f < width; f++) {
        const index = valueIndex[i * width + f]!;
        if (index >= 0) properties[fields[f]!] = values[index];
      }
      shared.set(key, properties);
    }
    lines[i] = new ColumnRoadLine(positions.subarray(2 * lineStart[i]!, 2 * lineStart[i + 1]!), properties);
  }
  return lines;
}
