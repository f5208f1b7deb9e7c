import type { Language } from './dictionary';

/** zh-CN unless the address asks for English (`?lang=en`), so links can be shared per language. */
export function languageFromSearch(search: string): Language {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh';
}

export function searchWithLanguage(search: string, language: Language): string {
  const params = new URLSearchParams(search);
  if (language === 'en') params.set('lang', 'en');
  else params.delete('lang');
  const text = params.toString();
  return text ? `?${text}` : '';
}
