// A .zip of a dataset (a Shapefile's parts, or one GeoJSON/CSV) opened in
// memory with fflate and handed to the registry as if its files had been
// chosen together. Limits are checked on the archive's directory before
// anything is inflated, so a zip bomb is refused without being expanded.
import { unzipSync } from 'fflate';
import { decodeText } from './decode';
import { MAX_IMPORT_BYTES } from './limits';
import { extensionOf, ZIP_EXTENSION } from './registry';
import { failure, type ImportFailure, type InputFile } from './types';

/** Files the archiver added, not the planner: macOS resource forks, hidden files, Windows thumbnails. */
const clutter = (path: string) => {
  const name = path.split('/').pop() ?? path;
  return path.endsWith('/') || path.startsWith('__MACOSX/') || name.startsWith('.') || name.toLowerCase() === 'thumbs.db';
};

/**
 * Zip entry names without the UTF-8 flag are read by fflate as Latin-1; the
 * Chinese Windows archiver writes them in GBK. Such a name is re-read from its
 * bytes as GBK/GB18030 so the layer is named as the planner named the file.
 */
function readableName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  return decodeText(Uint8Array.from(name, (char) => char.charCodeAt(0))).text;
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export const isZip = (file: InputFile) => extensionOf(file.name) === ZIP_EXTENSION;

/** The archive's files (folders flattened), or why it cannot be used. */
export function expandZip(archive: InputFile): { ok: true; files: InputFile[] } | ImportFailure {
  let total = 0;
  const nested: string[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(archive.bytes, {
      filter: (entry) => {
        if (clutter(entry.name)) return false;
        if (extensionOf(entry.name) === ZIP_EXTENSION) {
          nested.push(entry.name);
          return false;
        }
        total += entry.originalSize;
        // Past the limit nothing more is inflated; the refusal follows below.
        return total <= MAX_IMPORT_BYTES;
      },
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failure(
      'bad-zip',
      `无法打开压缩包 ${archive.name}（${detail}）：文件可能损坏或不完整，或不是 .zip 格式（如 .rar、.7z）。请重新打包为 .zip，或直接选择其中的文件。`,
      `cannot open the archive ${archive.name} (${detail}): it may be damaged or incomplete, or not a .zip (e.g. .rar, .7z). Zip it again, or choose the files inside directly.`,
    );
  }
  if (total > MAX_IMPORT_BYTES)
    return failure(
      'too-large',
      `压缩包 ${archive.name} 解压后超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB（至少 ${megabytes(total)} MB）：一次最多导入 ${MAX_IMPORT_BYTES / 1024 / 1024} MB。请拆分数据后分批导入。`,
      `the archive ${archive.name} holds more than ${MAX_IMPORT_BYTES / 1024 / 1024} MB once unpacked (at least ${megabytes(total)} MB): at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB can be imported at once. Split the data and import the parts.`,
    );
  if (nested.length > 0)
    return failure(
      'bad-zip',
      `压缩包 ${archive.name} 里还有压缩包（${nested.join('、')}）：不打开嵌套的压缩包。请先解压，再导入其中的数据。`,
      `the archive ${archive.name} holds another archive (${nested.join(', ')}): nested archives are not opened. Unpack it first, then import the data inside.`,
    );
  const files = Object.entries(entries).map(([path, bytes]) => ({ name: readableName(path.split('/').pop() ?? path), bytes }));
  if (files.length === 0)
    return failure('bad-zip', `压缩包 ${archive.name} 是空的（没有数据文件）。`, `the archive ${archive.name} is empty (no data files).`);
  return { ok: true, files };
}
