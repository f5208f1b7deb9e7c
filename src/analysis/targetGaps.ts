// Where the plan's own targets have positions and where they do not. The
// shipped towns and townships are located only in the west of the city (the
// sources place 11 of 40 towns and 47 of 208 townships, none of the towns in
// the six eastern counties), so a coverage figure over them describes those
// counties only: every result over them says so until the planner places or
// imports the rest.
import { isLocated, type PlanLayerCollection } from '../domain/plan';
import type { LocalizedText } from '../i18n/text';

export interface CountyTargets {
  adcode: string;
  /** The name the source rows give (a development zone such as 经济开发区 has a code but no county polygon). */
  name?: string;
  located: number;
  total: number;
}

export interface TargetGaps {
  located: number;
  total: number;
  /** Per county, in adcode order; targets without a county are left out of this list. */
  counties: CountyTargets[];
}

function tally(entries: Iterable<{ county: string | null; countyName?: string; located: boolean }>): TargetGaps {
  const byCounty = new Map<string, CountyTargets>();
  let located = 0;
  let total = 0;
  for (const entry of entries) {
    total++;
    if (entry.located) located++;
    if (!entry.county) continue;
    const county = byCounty.get(entry.county) ?? { adcode: entry.county, ...(entry.countyName ? { name: entry.countyName } : {}), located: 0, total: 0 };
    county.total++;
    if (entry.located) county.located++;
    byCounty.set(entry.county, county);
  }
  return { located, total, counties: [...byCounty.values()].sort((a, b) => a.adcode.localeCompare(b.adcode)) };
}

/** Towns by county: located (a point with a position) or not. */
export function townTargetGaps(towns: PlanLayerCollection): TargetGaps {
  return tally(towns.features.map((town) => ({ county: town.properties.county ?? null, located: isLocated(town) && town.geometry?.type === 'Point' })));
}

/** Townships by county: located when the row has both coordinates. */
export function townshipTargetGaps(rows: readonly { county_code: string; county?: string; lng?: string | null; lat?: string | null }[]): TargetGaps {
  const present = (value: string | null | undefined) => value !== null && value !== undefined && value.trim() !== '' && Number.isFinite(Number(value));
  return tally(rows.map((row) => ({ county: row.county_code || null, countyName: row.county, located: present(row.lng) && present(row.lat) })));
}

/**
 * The caveat a result over these targets must carry, or null when every
 * target is located. Names the counties the result describes and those it
 * does not (no located target at all).
 */
export function targetGapNote(gaps: TargetGaps, countyName: (county: CountyTargets) => LocalizedText): LocalizedText | null {
  if (gaps.total === 0 || gaps.located === gaps.total) return null;
  const described = gaps.counties.filter((county) => county.located > 0).map(countyName);
  const missing = gaps.counties.filter((county) => county.located === 0).map(countyName);
  const zhList = (names: LocalizedText[]) => names.map((name) => name.zh).join('、');
  const enList = (names: LocalizedText[]) => names.map((name) => name.en).join(', ');
  const unlocated = gaps.total - gaps.located;
  if (described.length === 0)
    return {
      zh: `目标均未定位（${gaps.total} 个）：结果不描述任何县区。请先放置或导入目标。`,
      en: `None of the ${gaps.total} targets is located: the result describes no county. Place or import the targets first.`,
    };
  return {
    zh: `目标只在${zhList(described)}有定位（${gaps.located} / ${gaps.total} 个，另 ${unlocated} 个未定位）${missing.length > 0 ? `；结果不描述${zhList(missing)}（那里没有一个已定位的目标）` : ''}。放置或导入其余目标后，结果才描述全市。`,
    en: `Targets are located only in ${enList(described)} (${gaps.located} of ${gaps.total}; ${unlocated} unlocated)${missing.length > 0 ? `; the result does not describe ${enList(missing)} (no located target there)` : ''}. Place or import the rest for a city-wide result.`,
  };
}
