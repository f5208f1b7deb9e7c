import type { Language } from '../i18n/dictionary';
import type { CountyCollection } from './dataset';

export interface CountyName {
  zh: string;
  en: string;
}

export function countyNamesByAdcode(counties: CountyCollection): Map<string, CountyName> {
  return new Map(counties.features.map((county) => [county.properties.adcode, { zh: county.properties.name_zh, en: county.properties.name_en }]));
}

export function countyLabel(names: Map<string, CountyName>, adcode: string | null | undefined, language: Language): string | null {
  if (!adcode) return null;
  const name = names.get(adcode);
  if (!name) return adcode;
  return language === 'en' ? name.en : name.zh;
}
