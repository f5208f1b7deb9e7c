// Dictionary messages as bilingual values, for records that carry their own
// texts (a basemap source read from a project file has no dictionary key).
import type { LocalizedText } from '../domain/text';
import { en, zh, type Language, type MessageKey } from './dictionary';

export const localized = (key: MessageKey): LocalizedText => ({ zh: zh[key], en: en[key] });

export const textIn = (language: Language, text: LocalizedText): string => text[language];
