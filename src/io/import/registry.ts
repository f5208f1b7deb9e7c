// The formats the import reads, and those it knows but does not read yet.
// Everything that lists formats is derived from here: the file inputs'
// `accept`, format detection, the "unsupported type" message and the
// README's list (formatsMarkdown; a unit test keeps the README in step).
// A new reader is one file exporting a FileFormat and a line in FORMATS.
import type { LocalizedText } from '../../i18n/text';
import { csvFormat } from './csv';
import { decodeText } from './decode';
import { geojsonFormat } from './geojson';
import { gpxFormat } from './gpx';
import { kmlFormat } from './kml';
import { shapefileFormat } from './shapefile';
import { xlsxFormat } from './xlsx';
import { failure, type FileFormat, type ImportFailure, type InputFile } from './types';

/** Read, in order of preference when content is sniffed (CSV last: any text can look like a table). */
export const FORMATS: readonly FileFormat[] = [geojsonFormat, shapefileFormat, kmlFormat, gpxFormat, xlsxFormat, csvFormat];

/** A .zip is opened and its members imported as if chosen together (see zip.ts). */
export const ZIP_EXTENSION = 'zip';

export interface KnownUnsupportedFormat {
  title: LocalizedText;
  extensions: readonly string[];
  /** What to do instead, beyond exporting as a supported format. */
  hint?: LocalizedText;
}

/** Formats planners bring that are recognised by name and refused with advice, never parsed as CSV. */
export const KNOWN_UNSUPPORTED: readonly KnownUnsupportedFormat[] = [
  {
    title: { zh: 'GeoPackage', en: 'GeoPackage' },
    extensions: ['gpkg'],
    hint: {
      zh: '在 QGIS 中右键图层“导出 → 要素另存为”选 ESRI Shapefile，或用 ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 输出目录 输入.gpkg。',
      en: 'In QGIS, right-click the layer, Export → Save Features As → ESRI Shapefile, or run ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 out_folder in.gpkg.',
    },
  },
  {
    title: { zh: 'CAD 图纸（DWG/DXF）', en: 'CAD drawings (DWG/DXF)' },
    extensions: ['dwg', 'dxf'],
    hint: {
      zh: 'CAD 图纸需先在 GIS 软件中配准坐标系，再导出，例如 ogr2ogr -f "ESRI Shapefile" -s_srs EPSG:4547 -t_srs EPSG:4490 输出目录 图纸.dxf（DWG 先在 CAD 中另存为 DXF）。',
      en: 'CAD drawings need their coordinate system set in a GIS first, then export, e.g. ogr2ogr -f "ESRI Shapefile" -s_srs EPSG:4547 -t_srs EPSG:4490 out_folder drawing.dxf (save a DWG as DXF in CAD first).',
    },
  },
  { title: { zh: 'Personal Geodatabase（.mdb）', en: 'Personal Geodatabase (.mdb)' }, extensions: ['mdb'] },
  { title: { zh: 'MapInfo（TAB/MIF）', en: 'MapInfo (TAB/MIF)' }, extensions: ['tab', 'mif', 'mid'] },
];

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The file name without folders and extension. */
export function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  return name.replace(/\.[^.]+$/, '') || name;
}

export const formatById = (id: string): FileFormat | undefined => FORMATS.find((format) => format.id === id);
const formatByExtension = (extension: string) => FORMATS.find((format) => format.extensions.includes(extension));
const siblingFormat = (extension: string) =>
  FORMATS.find((format) => format.siblings && [...format.siblings.required, ...format.siblings.optional].includes(extension));
const knownUnsupported = (extension: string) => KNOWN_UNSUPPORTED.find((format) => format.extensions.includes(extension));

/** The `accept` of every file input that imports data: the registry's extensions and MIME types, and .zip. */
export function acceptList(): string {
  const extensions = [...FORMATS.flatMap((format) => [...format.extensions, ...(format.siblings ? [...format.siblings.required, ...format.siblings.optional] : [])]), ZIP_EXTENSION];
  const mimeTypes = FORMATS.flatMap((format) => format.mimeTypes);
  return [...new Set([...extensions.map((extension) => `.${extension}`), ...mimeTypes])].join(',');
}

/** "GeoJSON 或 CSV（经纬度列或 WKT 列）" / "GeoJSON or CSV (longitude/latitude or WKT column)": what to export instead. */
function readableFormats(): LocalizedText {
  const named = (language: 'zh' | 'en') =>
    FORMATS.map((format) => {
      if (!format.detail) return format.title[language];
      return language === 'zh' ? `${format.title.zh}（${format.detail.zh}）` : `${format.title.en} (${format.detail.en})`;
    });
  const joined = (names: string[], comma: string, or: string) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(comma)}${or}${names.at(-1)}`);
  return { zh: joined(named('zh'), '、', ' 或 '), en: joined(named('en'), ', ', ' or ') };
}

/** Refusal of a file the import does not read: said the same for every format, with the format's own hint. */
export function unsupportedMessage(fileName: string): ImportFailure {
  const known = knownUnsupported(extensionOf(fileName));
  const formats = readableFormats();
  const hint = known?.hint ? { zh: known.hint.zh, en: ` ${known.hint.en}` } : { zh: '', en: '' };
  return failure(
    'unsupported-format',
    `不支持的文件类型（${fileName}）。请导出为 ${formats.zh}后再导入。${hint.zh}`,
    `unsupported file type (${fileName}). Export it as ${formats.en} and import that.${hint.en}`,
  );
}

export type Detected = { ok: true; format: FileFormat; files: InputFile[]; name: string } | ImportFailure;

const list = (names: readonly string[]) => ({ zh: names.join('、'), en: names.join(', ') });

/**
 * The one dataset in a set of files, its format, and its files (main first,
 * then siblings by the same base name). A set that holds an unknown file or
 * more than one dataset is refused whole: nothing is guessed. A lone file
 * whose name says nothing is recognised by its start (JSON or table).
 */
export function detectFormat(files: readonly InputFile[]): Detected {
  if (files.length === 0) return failure('empty', '没有选择文件。', 'no file was chosen.');
  const mains: { file: InputFile; format: FileFormat }[] = [];
  const siblings: InputFile[] = [];
  for (const file of files) {
    // ArcGIS's metadata beside a dataset (name.shp.xml, name.aux.xml): not data, left aside.
    if (/\.(shp|aux)\.xml$/i.test(file.name)) continue;
    const extension = extensionOf(file.name);
    const format = formatByExtension(extension);
    if (format) mains.push({ file, format });
    else if (siblingFormat(extension)) siblings.push(file);
    else if (files.length === 1 && !knownUnsupported(extension)) {
      const head = decodeText(file.bytes.subarray(0, 256)).text;
      const sniffed = FORMATS.find((each) => each.sniff?.(head)) ?? FORMATS.at(-1)!;
      mains.push({ file, format: sniffed });
    } else return unsupportedMessage(file.name);
  }
  if (mains.length > 1) {
    const names = list(mains.map(({ file }) => file.name));
    return failure(
      'several-datasets',
      `选择的文件是 ${mains.length} 份不同的数据（${names.zh}）：一次导入一份数据（Shapefile 等多文件格式连同其配套文件一起选择）。请分别导入。`,
      `the files chosen are ${mains.length} separate datasets (${names.en}): one dataset is imported at a time (multi-file formats such as Shapefile with their companion files). Import them one by one.`,
    );
  }
  const main = mains[0];
  if (!main) {
    const owner = siblings[0] && siblingFormat(extensionOf(siblings[0].name));
    if (!owner || !siblings[0]) return unsupportedMessage(siblings[0]?.name ?? '');
    const names = list(siblings.map((file) => file.name));
    const wanted = `${baseName(siblings[0].name)}.${owner.extensions[0]}`;
    return failure(
      'missing-sibling',
      `只找到 ${owner.title.zh} 的配套文件（${names.zh}），缺少主文件 ${wanted}：请把同名的文件一起选择（或一起打包成 .zip）。`,
      `only companion files of a ${owner.title.en} were found (${names.en}); the main file ${wanted} is missing: choose the files of the same name together (or zip them together).`,
    );
  }
  const base = baseName(main.file.name).toLowerCase();
  const own = siblings.filter((file) => baseName(file.name).toLowerCase() === base && main.format.siblings);
  const stray = siblings.find((file) => !own.includes(file));
  if (stray) return unsupportedMessage(stray.name);
  const missing = (main.format.siblings?.required ?? []).filter((extension) => !own.some((file) => extensionOf(file.name) === extension));
  if (missing.length > 0) {
    const names = list(missing.map((extension) => `${baseName(main.file.name)}.${extension}`));
    return failure(
      'missing-sibling',
      `${main.format.title.zh} 缺少配套文件 ${names.zh}：请把同名的文件一起选择（或一起打包成 .zip）。`,
      `the ${main.format.title.en} is missing ${names.en}: choose the files of the same name together (or zip them together).`,
    );
  }
  return { ok: true, format: main.format, files: [main.file, ...own], name: main.file.name };
}

/** The README's list of import formats (between its formats:start/end markers). */
export function formatsMarkdown(): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const extensions = (list: readonly string[]) => list.map((extension) => `\`.${extension}\``).join(' ');
  const read = FORMATS.map((format) =>
    row([
      `${format.title.en}${format.detail ? ` (${format.detail.en})` : ''}`,
      extensions(format.extensions),
      format.reads === 'text' ? 'text: UTF-8 (BOM or not), UTF-16 with BOM, GBK/GB18030' : 'binary',
      format.siblings ? extensions([...format.siblings.required, ...format.siblings.optional]) : '—',
    ]),
  );
  const exportAs = `export as ${readableFormats().en}`;
  const refused = KNOWN_UNSUPPORTED.map((format) => row([format.title.en, extensions(format.extensions), format.hint ? `${exportAs}. ${format.hint.en}` : exportAs]));
  return [
    '<!-- generated from src/io/import/registry.ts by formatsMarkdown(): `npm run formats` rewrites it -->',
    'Read (one file, several files of one dataset picked or dropped together, or a `.zip` holding them):',
    '',
    row(['format', 'extensions', 'read as', 'companion files']),
    row(['---', '---', '---', '---']),
    ...read,
    '',
    'Recognised and refused with advice (never read as CSV):',
    '',
    row(['format', 'extensions', 'advice']),
    row(['---', '---', '---']),
    ...refused,
  ].join('\n');
}
