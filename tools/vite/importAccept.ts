import type { Plugin } from 'vite';

export const IMPORT_ACCEPT_MODULE = 'virtual:zmd-import-accept';

/**
 * `import ACCEPT from 'virtual:zmd-import-accept'`: the file inputs' `accept`
 * list, computed from the import registry (src/io/import/registry.ts
 * acceptList) when the app is built or served. The page gets the string only:
 * importing the registry there would bring every reader into the main bundle,
 * and they belong in the io worker. Loaded on demand, so `vite preview` and
 * the config itself never read the registry.
 */
export function importAcceptList(): Plugin {
  const resolved = `\0${IMPORT_ACCEPT_MODULE}`;
  return {
    name: 'zmd-import-accept',
    resolveId: (source) => (source === IMPORT_ACCEPT_MODULE ? resolved : null),
    async load(id) {
      if (id !== resolved) return null;
      const { acceptList } = await import('../../src/io/import/registry.ts');
      return `export default ${JSON.stringify(acceptList())};\n`;
    },
  };
}
