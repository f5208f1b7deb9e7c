// Rewrites the README's list of import formats (between <!-- formats:start -->
// and <!-- formats:end -->) from the format registry: `npm run formats`.
// tests/unit/import/registry.test.ts fails while the two differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatsMarkdown } from '../src/io/import/registry';

export const README = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const SECTION = /(<!-- formats:start -->\n)[\s\S]*?(<!-- formats:end -->)/;

/** The README with its formats section replaced by `markdown`. */
export function withFormats(readme: string, markdown: string): string {
  if (!SECTION.test(readme)) throw new Error('README.md has no <!-- formats:start --> … <!-- formats:end --> section');
  return readme.replace(SECTION, (_whole, start: string, end: string) => `${start}${markdown}\n${end}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(README, withFormats(readFileSync(README, 'utf8'), formatsMarkdown()));
  console.log('README.md: formats section rewritten from src/io/import/registry.ts');
}
