// One bilingual text type for every message, reason, title and note the app
// shows: zh-CN first, English always beside it. It lives at the bottom layer
// (i18n) so that every other folder can use it.
import { en, zh, type Language, type MessageKey } from './dictionary';

export interface LocalizedText {
  zh: string;
  en: string;
}

/** The text in the interface language. */
export function inLanguage(text: LocalizedText, language: Language): string {
  return language === 'en' ? text.en : text.zh;
}

/** A dictionary message as a bilingual value, for records that carry their own texts (a basemap source read from a project file has no dictionary key). */
export const localized = (key: MessageKey): LocalizedText => ({ zh: zh[key], en: en[key] });
