// Well-known text (WKT, and EWKT's SRID=…; prefix) → GeoJSON geometry, for
// the WKT column of a CSV or Excel sheet.
import type { Geometry, Position } from 'geojson';
import type { LocalizedText } from '../../i18n/text';

type Token = { kind: 'word' | 'number' | 'punct'; text: string; at: number };

const TOKEN = /\s*(?:([A-Za-z]+)|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([(),;=]))/y;

class WktSyntaxError {
  constructor(readonly at: number) {}
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    if (/^\s*$/.test(text.slice(at))) break;
    const match = TOKEN.exec(text);
    if (!match) throw new WktSyntaxError(at);
    const [, word, number, punct] = match;
    tokens.push(word ? { kind: 'word', text: word.toUpperCase(), at } : number ? { kind: 'number', text: number, at } : { kind: 'punct', text: punct ?? '', at });
  }
  return tokens;
}

/** A small recursive-descent reader for 2D/3D WKT (and EWKT's SRID=…; prefix). */
class WktReader {
  private index = 0;
  /** Values per position to keep: M is dropped, Z kept. */
  private dimensions: { keep: number } = { keep: 3 };

  constructor(private readonly tokens: Token[], private readonly length: number) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private fail(): never {
    throw new WktSyntaxError(this.peek()?.at ?? this.length);
  }

  private take(text: string): void {
    if (this.peek()?.text !== text) this.fail();
    this.index++;
  }

  private takeIf(text: string): boolean {
    if (this.peek()?.text !== text) return false;
    this.index++;
    return true;
  }

  document(): Geometry | 'empty' {
    if (this.peek()?.text === 'SRID') {
      this.index++;
      this.take('=');
      if (this.peek()?.kind !== 'number') this.fail();
      this.index++;
      this.take(';');
    }
    const geometry = this.geometry();
    if (this.peek()) this.fail();
    return geometry;
  }

  private geometry(): Geometry | 'empty' {
    const type = this.peek();
    if (type?.kind !== 'word') this.fail();
    this.index++;
    const tag = this.peek()?.text;
    if (tag === 'Z' || tag === 'M' || tag === 'ZM') {
      this.index++;
      this.dimensions = { keep: tag === 'M' ? 2 : 3 };
    }
    if (this.takeIf('EMPTY')) return 'empty';
    switch (type.text) {
      case 'POINT': {
        this.take('(');
        const coordinates = this.position();
        this.take(')');
        return { type: 'Point', coordinates };
      }
      case 'LINESTRING':
        return { type: 'LineString', coordinates: this.positions() };
      case 'MULTIPOINT':
        // Both MULTIPOINT (1 2, 3 4) and MULTIPOINT ((1 2), (3 4)) occur in the wild.
        return { type: 'MultiPoint', coordinates: this.list(() => (this.takeIf('(') ? this.closeAfter(this.position()) : this.position())) };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: this.list(() => this.positions()) };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: this.list(() => this.positions()) };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: this.list(() => this.list(() => this.positions())) };
      case 'GEOMETRYCOLLECTION':
        return {
          type: 'GeometryCollection',
          geometries: this.list(() => {
            const member = this.geometry();
            return member === 'empty' ? this.fail() : member;
          }),
        };
      default:
        this.index--;
        return this.fail();
    }
  }

  private closeAfter<T>(value: T): T {
    this.take(')');
    return value;
  }

  /** '(' item (',' item)* ')' */
  private list<T>(item: () => T): T[] {
    this.take('(');
    const items = [item()];
    while (this.takeIf(',')) items.push(item());
    this.take(')');
    return items;
  }

  private positions(): Position[] {
    return this.list(() => this.position());
  }

  private position(): Position {
    const values: number[] = [];
    while (this.peek()?.kind === 'number') values.push(Number(this.tokens[this.index++]?.text));
    if (values.length < 2 || values.length > 4) this.fail();
    return values.slice(0, this.dimensions.keep);
  }
}

/** WKT text → GeoJSON geometry (unchecked shape), or why not. */
export function parseWkt(text: string): { geometry: Geometry } | { problem: LocalizedText } {
  try {
    const geometry = new WktReader(tokenize(text), text.length).document();
    if (geometry === 'empty') return { problem: { zh: 'WKT 几何为空（EMPTY）', en: 'the WKT geometry is EMPTY' } };
    return { geometry };
  } catch (error) {
    if (!(error instanceof WktSyntaxError)) throw error;
    const near = text.slice(error.at, error.at + 12).trim() || '（结尾）';
    return {
      problem: {
        zh: `WKT 无法解析（第 ${error.at + 1} 个字符附近：“${near}”）`,
        en: `WKT cannot be read (near character ${error.at + 1}: "${near === '（结尾）' ? 'end of text' : near}")`,
      },
    };
  }
}
