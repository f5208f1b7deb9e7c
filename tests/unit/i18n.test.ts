import { describe, expect, it } from 'vitest';
import { en, translate, zh } from '../../src/i18n/dictionary';
import { languageFromSearch, searchWithLanguage } from '../../src/i18n/language';

describe('i18n', () => {
  it('English has a non-empty text for every Chinese key', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(en[key], key).toMatch(/\S/);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('keeps placeholders the same in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
  });

  it('fills placeholders with plain text, leaving markup untouched', () => {
    expect(translate('zh', 'featuresCount', { count: 5 })).toBe('5 项');
    expect(translate('en', 'errorMap', { message: '<img src=x onerror=alert(1)>' })).toBe('Map error: <img src=x onerror=alert(1)>');
  });

  it('reads and writes the language from the address', () => {
    expect(languageFromSearch('')).toBe('zh');
    expect(languageFromSearch('?lang=en')).toBe('en');
    expect(languageFromSearch('?lang=fr')).toBe('zh');
    expect(searchWithLanguage('?a=1', 'en')).toBe('?a=1&lang=en');
    expect(searchWithLanguage('?lang=en', 'zh')).toBe('');
  });
});
