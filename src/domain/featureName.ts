// What a feature is called, for people: undo labels, lists, merges. Plan
// features have name/name_en; imported ones carry whatever their file named
// the column (名称, NAME, 标准名称 …), and their id (e.g. "pois-utf8-10") is
// never a name to show when the file has one.

/** Name columns planners' files use, most specific first (matched case-insensitively for Latin names). */
export const NAME_FIELDS = ['name', '名称', '名字', '标准名称', '地名', '项目名称', '单位名称', '站点名称', '设施名称', 'title', 'mc'] as const;

/** Among column names, the one that names features (名称, NAME …), or null. */
export function nameColumn(keys: readonly string[], usable: (key: string) => boolean = () => true): string | null {
  for (const wanted of NAME_FIELDS) {
    const key = keys.find((candidate) => candidate.toLowerCase() === wanted && usable(candidate));
    if (key !== undefined) return key;
  }
  return null;
}

/** The property holding a feature's name in `properties` (a non-empty text), or null. */
export function nameField(properties: Record<string, unknown>): string | null {
  return nameColumn(Object.keys(properties), (key) => typeof properties[key] === 'string' && (properties[key] as string).trim() !== '');
}

/** The feature's name in the language (name_en in English when present), else null. */
export function featureName(properties: Record<string, unknown>, language: 'zh' | 'en'): string | null {
  const english = properties.name_en;
  if (language === 'en' && typeof english === 'string' && english.trim()) return english;
  const key = nameField(properties);
  return key === null ? null : String(properties[key]);
}
