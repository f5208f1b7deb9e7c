// The JavaScript a page must fetch before the app starts: the entry chunk and
// everything it imports statically, read from the build's manifest
// (dist/.vite/manifest.json, `build.manifest`). Dynamic imports (deck.gl,
// terra-draw, dialogs, writers, workers) are not on that path. Sizes are raw
// and gzip -9, as a server that compresses would send them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface ChunkSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface InitialJs {
  chunks: ChunkSize[];
  raw: number;
  gzip: number;
}

export function readManifest(outDir: string): Record<string, ManifestChunk> {
  return JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}

export function sizeOf(outDir: string, file: string): ChunkSize {
  const bytes = readFileSync(join(outDir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The entry chunks (index.html's script) and their static imports, transitively, largest first. */
export function initialJs(outDir: string): InitialJs {
  const manifest = readManifest(outDir);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no entry ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  if (entries.length === 0) throw new Error('the manifest names no entry chunk');
  for (const key of entries) visit(key);
  const chunks = [...seen]
    .map((key) => manifest[key]!.file)
    .filter((file) => file.endsWith('.js'))
    .map((file) => sizeOf(outDir, file))
    .sort((a, b) => b.gzip - a.gzip);
  return { chunks, raw: chunks.reduce((sum, chunk) => sum + chunk.raw, 0), gzip: chunks.reduce((sum, chunk) => sum + chunk.gzip, 0) };
}
