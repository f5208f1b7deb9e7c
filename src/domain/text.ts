// One bilingual text type for every message, reason and note the app shows:
// zh-CN first, English always beside it.
export interface LocalizedText {
  zh: string;
  en: string;
}

/** The text in the interface language (Chinese unless English is chosen). */
export function inLanguage(text: LocalizedText, language: 'zh' | 'en'): string {
  return language === 'en' ? text.en : text.zh;
}
