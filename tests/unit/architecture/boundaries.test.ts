// The folder boundaries of eslint.config.js, checked against code that breaks
// them: each rule must be able to fail, and the real tree must pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('folder boundaries', () => {
  it('pure folders import no React, MapLibre, deck.gl, zustand, terra-draw or Comlink', async () => {
    for (const library of ['react', 'maplibre-gl', '@deck.gl/layers', 'zustand', 'terra-draw', 'comlink'])
      for (const folder of ['domain', 'analysis', 'io', 'i18n']) {
        const found = await problems(`src/${folder}/example.ts`, `import * as lib from '${library}';\nexport const used = lib;\n`);
        expect(found, `${library} in src/${folder}`).toEqual([expect.stringMatching(/no-restricted-imports: .*is pure/)]);
      }
  });

  it('nothing imports upward, from any depth inside a folder', async () => {
    const cases: [string, string][] = [
      ['src/domain/views.ts', '../state/analysisSpec'],
      ['src/domain/example.ts', '../io/planData'],
      ['src/analysis/inputs.ts', '../io/planData'],
      ['src/io/import/example.ts', '../../worker/protocol'],
      ['src/i18n/example.ts', '../domain/plan'],
      ['src/worker/example.ts', '../storage/scenarioDb'],
      ['src/state/example.ts', '../ui/App'],
      ['src/map/example.ts', '../ui/context'],
    ];
    for (const [file, from] of cases) {
      const found = await problems(file, `import { thing } from '${from}';\nexport const used = thing;\n`);
      expect(found, `${file} → ${from}`).toEqual([expect.stringMatching(/no-restricted-imports: .*must not import from/)]);
    }
  });

  it('downward imports and imports within a folder are allowed', async () => {
    const cases: [string, string][] = [
      ['src/ui/example.tsx', '../state/viewState'],
      ['src/map/example.ts', '../state/viewState'],
      ['src/io/import/example.ts', '../../domain/plan'],
      ['src/io/import/example.ts', '../points'],
      ['src/analysis/example.ts', '../domain/plan'],
      ['src/domain/example.ts', './plan'],
    ];
    for (const [file, from] of cases) expect(await problems(file, `import { thing } from '${from}';\nexport const used = thing;\n`), `${file} → ${from}`).toEqual([]);
  });
});
