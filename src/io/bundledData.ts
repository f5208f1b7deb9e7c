// The data the app ships with: files of the build (next to its code, precached
// by the service worker), so the app needs no other server and works offline.
// They are fetched as data, not compiled into the JavaScript: the code the
// page must parse before the first map stays small (the start-up size budget,
// tests/browser/startup.e2e.ts), the browser reads JSON faster than the same
// text as a script literal, and the files are fetched side by side.
import countiesUrl from '../../data/base/counties.geojson?url';
import contextUrl from '../../data/base/context.geojson?url';
import businessDistrictsUrl from '../../data/layers/business-districts.geojson?url';
import industrialParksUrl from '../../data/layers/industrial-parks.geojson?url';
import logisticsHubsUrl from '../../data/layers/logistics-hubs.geojson?url';
import townsUrl from '../../data/layers/towns.geojson?url';
import urbanSystemUrl from '../../data/layers/urban-system.geojson?url';
import townshipsUrl from '../../data/base/townships.csv?url';
import planTargetsUrl from '../../data/targets/plan-targets.json?url';
import Papa from 'papaparse';
import { parseContext, parseCounties, parsePlanLayer } from './planData';
import { type PlanDataset, type TownshipRow } from '../domain/dataset';

export interface BundledData {
  dataset: PlanDataset;
  /** The 208 townships (47 with GeoNames points): targets for catchment and coverage. */
  townships: TownshipRow[];
  planTargets: unknown[];
}

/** One shipped file's text; a file that cannot be read says which one and why. */
async function textOf(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

/** Fetches and parses every shipped file at once. */
export async function loadBundledData(): Promise<BundledData> {
  const [logisticsHubs, businessDistricts, urbanSystem, towns, industrialParks, counties, context, townships, planTargets] = await Promise.all(
    [logisticsHubsUrl, businessDistrictsUrl, urbanSystemUrl, townsUrl, industrialParksUrl, countiesUrl, contextUrl, townshipsUrl, planTargetsUrl].map(textOf),
  );
  return {
    dataset: {
      layers: {
        'logistics-hubs': parsePlanLayer(logisticsHubs!, 'logistics-hubs'),
        'business-districts': parsePlanLayer(businessDistricts!, 'business-districts'),
        'urban-system': parsePlanLayer(urbanSystem!, 'urban-system'),
        towns: parsePlanLayer(towns!, 'towns'),
        'industrial-parks': parsePlanLayer(industrialParks!, 'industrial-parks'),
      },
      counties: parseCounties(counties!),
      context: parseContext(context!),
    },
    townships: Papa.parse<TownshipRow>(townships!, { header: true, skipEmptyLines: true }).data,
    planTargets: JSON.parse(planTargets!) as unknown[],
  };
}
