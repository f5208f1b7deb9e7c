// The data the app ships with, bundled into the build so the app needs no
// server round trip and works from a file share or offline.
import countiesText from '../../data/base/counties.geojson?raw';
import contextText from '../../data/base/context.geojson?raw';
import businessDistrictsText from '../../data/layers/business-districts.geojson?raw';
import industrialParksText from '../../data/layers/industrial-parks.geojson?raw';
import logisticsHubsText from '../../data/layers/logistics-hubs.geojson?raw';
import townsText from '../../data/layers/towns.geojson?raw';
import urbanSystemText from '../../data/layers/urban-system.geojson?raw';
import townshipsText from '../../data/base/townships.csv?raw';
import planTargetsText from '../../data/targets/plan-targets.json?raw';
import Papa from 'papaparse';
import { parseContext, parseCounties, parsePlanLayer } from './planData';
import { type PlanDataset, type TownshipRow } from '../domain/dataset';

export function loadBundledDataset(): PlanDataset {
  return {
    layers: {
      'logistics-hubs': parsePlanLayer(logisticsHubsText, 'logistics-hubs'),
      'business-districts': parsePlanLayer(businessDistrictsText, 'business-districts'),
      'urban-system': parsePlanLayer(urbanSystemText, 'urban-system'),
      towns: parsePlanLayer(townsText, 'towns'),
      'industrial-parks': parsePlanLayer(industrialParksText, 'industrial-parks'),
    },
    counties: parseCounties(countiesText),
    context: parseContext(contextText),
  };
}

/** The 208 townships (47 with GeoNames points): targets for catchment and coverage. */
export function loadBundledTownships(): TownshipRow[] {
  return Papa.parse<TownshipRow>(townshipsText, { header: true, skipEmptyLines: true }).data;
}

export function loadBundledPlanTargets(): unknown[] {
  return JSON.parse(planTargetsText) as unknown[];
}
