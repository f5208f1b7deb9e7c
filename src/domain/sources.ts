import type { MessageKey } from '../i18n/dictionary';

/** The seed documents, by the file-name prefix every feature's `source` starts with. */
export function sourceDocumentKey(sourceFile: string): MessageKey | null {
  const prefix = sourceFile.slice(0, 3);
  switch (prefix) {
    case '000':
    case '001':
    case '002':
    case '003':
    case '004':
      return `sourceDoc_${prefix}`;
    default:
      return null;
  }
}
