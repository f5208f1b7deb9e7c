import { useTranslate } from './context';

/** What every map says over itself: that the plan is schematic, and a map error if there is one. */
export function MapNotes({ mapError }: { mapError: string | null }) {
  const t = useTranslate();
  return (
    <>
      <p className="schematic-banner" role="note">
        {t('schematicBanner')}
      </p>
      {mapError && (
        <p className="error-banner" role="alert">
          {t('errorMap', { message: mapError })}
        </p>
      )}
    </>
  );
}
