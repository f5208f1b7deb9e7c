// The active basemap records and the credits that follow from them, for every
// view that draws or prints the map (main map, compare maps, dialog, PNG sheet).
import { useMemo } from 'react';
import { activeBasemaps } from '../domain/basemap';
import { attributionsOf } from '../domain/attributions';
import { useView } from './context';

export function useActiveBasemaps() {
  const sources = useView((state) => state.basemapSources);
  return useMemo(() => activeBasemaps(sources), [sources]);
}

export function useAttributions() {
  const active = useActiveBasemaps();
  return useMemo(() => attributionsOf(active), [active]);
}
