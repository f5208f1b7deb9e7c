// Placing a point by typed coordinates: decimal degrees, 度分秒, or CGCS2000
// Gauss–Krüger metres (io/typedCoordinates.ts). What the text was read as is
// shown before the point is placed; the point goes where drawn points go.
import { useState } from 'react';
import { inLanguage } from '../i18n/text';
import { readTypedPosition } from '../io/typedCoordinates';
import { mainMap } from '../map/mainMap';
import { useTranslate, useView } from './context';
import { useEditing } from './useEditing';

export function CoordinateEntry({ onClose }: { onClose: () => void }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  const { created } = useEditing();
  const [text, setText] = useState('');
  const reading = text.trim() ? readTypedPosition(text) : null;
  return (
    <form
      className="coordinate-entry"
      data-testid="coordinate-entry"
      onSubmit={(event) => {
        event.preventDefault();
        if (!reading?.ok) return;
        const lonLat = reading.lonLat;
        created({ type: 'Point', coordinates: lonLat }, () => {
          mainMap()?.easeTo({ center: lonLat, duration: 400 });
          onClose();
        });
      }}
    >
      <label>
        <span>{t('typedCoordinateLabel')}</span>
        <input
          autoFocus
          value={text}
          data-testid="coordinate-input"
          placeholder="114.0294, 32.9794"
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              onClose();
            }
          }}
        />
      </label>
      <button type="submit" disabled={!reading?.ok}>
        {t('typedCoordinatePlace')}
      </button>
      <button type="button" onClick={onClose}>
        {t('typedCoordinateCancel')}
      </button>
      {reading && (
        <p className={reading.ok ? 'hint' : 'error'} data-testid="coordinate-reading" role={reading.ok ? undefined : 'alert'}>
          {inLanguage(reading.ok ? reading.reading : reading.message, language)}
        </p>
      )}
    </form>
  );
}
