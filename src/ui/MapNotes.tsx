import type { DisplayDatum } from '../domain/displayDatum';
import { useTranslate } from './context';

/** What every map says over itself: that the plan is schematic, the datum when it is not WGS84, and a map error if there is one. */
export function MapNotes({ mapError, datum = 'wgs84' }: { mapError: string | null; datum?: DisplayDatum }) {
  const t = useTranslate();
  return (
    <>
      <p className="schematic-banner" role="note">
        {t('schematicBanner')}
      </p>
      {datum === 'gcj02' && (
        <p className="datum-note" role="note" data-testid="map-datum-note">
          {t('mapDatumNoteGcj02')}
        </p>
      )}
      {mapError && (
        <p className="error-banner" role="alert">
          {t('errorMap', { message: mapError })}
        </p>
      )}
    </>
  );
}
