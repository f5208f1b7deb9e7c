// What both ways of importing a file (the import dialog, the analysis panel's
// targets file) hand the io worker: the files' bytes, and the city the
// features are checked against, so both refuse the same rows.
import { useMemo } from 'react';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { cityBounds, type CityBounds } from '../domain/validation';
import type { InputFile } from '../io/import';
import { useAppContext } from './context';

/** The chosen or dropped files read into memory; each fresh buffer is transferred to the worker, not copied. */
export function readInputFiles(files: readonly File[]): Promise<InputFile[]> {
  return Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

/** The city outline's bounds (from the shared base geography, so it never changes with edits). */
export function useImportCityBounds(): CityBounds | undefined {
  const { base } = useAppContext();
  return useMemo(() => {
    const focus = base.context.features.find((feature) => feature.properties.role === 'focus');
    return focus ? cityBounds(focus as unknown as Feature<Polygon | MultiPolygon>) : undefined;
  }, [base]);
}
