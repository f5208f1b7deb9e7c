// Text bytes for files whose readers want a legacy code page. UTF-8 comes from
// the platform's TextEncoder. GBK (code page 936, what old ArcMap and many
// Chinese desktop tools assume for a .dbf) cannot be written by TextEncoder
// (the Encoding Standard only encodes UTF-8), so it comes from iconv-lite in
// Microsoft's browser build (@vscode/iconv-lite-umd: Uint8Array in and out,
// no Node Buffer polyfill needed). Its code-page tables are ~300 kB, so it is
// imported only when a planner asks for GBK. Pure: runs in Node and browsers.

export type TextEncodingName = 'UTF-8' | 'GBK';

export interface ByteEncoder {
  name: TextEncodingName;
  encode(text: string): Uint8Array;
  /** False when the text holds characters the code page lacks (written as `?`). */
  canEncode(text: string): boolean;
}

const utf8Encoder = new TextEncoder();

const UTF8: ByteEncoder = {
  name: 'UTF-8',
  encode: (text) => utf8Encoder.encode(text),
  canEncode: () => true,
};

let gbk: Promise<ByteEncoder> | undefined;

export function byteEncoder(name: TextEncodingName): Promise<ByteEncoder> {
  if (name === 'UTF-8') return Promise.resolve(UTF8);
  gbk ??= import('@vscode/iconv-lite-umd').then((module) => {
    // A UMD bundle: Vite and Node both hand its exports over as the default too.
    type Iconv = Pick<typeof module, 'encode' | 'decode'>;
    const iconv: Iconv = typeof module.encode === 'function' ? module : (module as unknown as { default: Iconv }).default;
    return {
      name: 'GBK',
      encode: (text) => iconv.encode(text, 'gbk'),
      canEncode: (text) => iconv.decode(iconv.encode(text, 'gbk'), 'gbk') === text,
    } satisfies ByteEncoder;
  });
  return gbk;
}

/**
 * The text's bytes cut to at most `maxBytes` on a character boundary (a
 * Chinese character is 3 bytes in UTF-8, 2 in GBK, never split).
 */
export function encodeWithin(encoder: ByteEncoder, text: string, maxBytes: number): { bytes: Uint8Array; truncated: boolean } {
  const whole = encoder.encode(text);
  if (whole.length <= maxBytes) return { bytes: whole, truncated: false };
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const character of text) {
    const bytes = encoder.encode(character);
    if (length + bytes.length > maxBytes) break;
    parts.push(bytes);
    length += bytes.length;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) bytes.set(part, offset), (offset += part.length);
  return { bytes, truncated: true };
}
