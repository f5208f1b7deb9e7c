// One bilingual text type for every message, reason and note the app shows:
// zh-CN first, English always beside it.
export interface LocalizedText {
  zh: string;
  en: string;
}
