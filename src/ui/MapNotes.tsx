import { useLayoutEffect, useRef } from 'react';
import type { DisplayDatum } from '../domain/displayDatum';
import { useTranslate } from './context';

/** Gap kept between the 示意 note and the map's bottom-right controls (attribution, scale). */
const NOTE_GAP_PX = 4;

/** What every map says over itself: that the plan is schematic, the datum when it is not WGS84, and a map error if there is one. */
export function MapNotes({ mapError, datum = 'wgs84' }: { mapError: string | null; datum?: DisplayDatum }) {
  const t = useTranslate();
  const noteRef = useRef<HTMLParagraphElement>(null);
  useKeepClearOfMapControls(noteRef);
  return (
    <>
      <p className="schematic-banner" role="note" ref={noteRef} data-testid="schematic-banner">
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

/**
 * The note sits bottom-left and MapLibre's attribution and scale bottom-right;
 * when a long attribution line (English, or several basemaps) reaches under the
 * note, the note moves up above them (--note-lift), so neither covers the
 * other at any screen width or language.
 */
function useKeepClearOfMapControls(noteRef: React.RefObject<HTMLParagraphElement | null>) {
  useLayoutEffect(() => {
    const note = noteRef.current;
    const area = note?.parentElement;
    if (!note || !area) return;
    let frame = 0;
    const place = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const controls = area.querySelector('.maplibregl-ctrl-bottom-right');
        note.style.setProperty('--note-lift', '0px');
        if (!controls) return;
        const noteBox = note.getBoundingClientRect();
        const areaBox = area.getBoundingClientRect();
        // Only the controls' own boxes count (the corner container may span more).
        const boxes = [...controls.children].map((child) => child.getBoundingClientRect()).filter((box) => box.width > 0);
        const under = boxes.filter((box) => box.left < noteBox.right + NOTE_GAP_PX);
        if (under.length === 0) return;
        const top = Math.min(...under.map((box) => box.top));
        note.style.setProperty('--note-lift', `${Math.max(0, Math.ceil(areaBox.bottom - top))}px`);
      });
    };
    place();
    const resizes = new ResizeObserver(place);
    resizes.observe(area);
    resizes.observe(note);
    // The controls come with the map (and again on a language switch): watch for them.
    const mutations = new MutationObserver(() => {
      const controls = area.querySelector('.maplibregl-ctrl-bottom-right');
      if (controls) for (const child of controls.children) resizes.observe(child);
      place();
    });
    // Only the map's own DOM (its controls), not the toolbar's live readout or the attribute table.
    mutations.observe(area.querySelector('[data-map-role="main"]') ?? area, { childList: true, subtree: true, characterData: true });
    return () => {
      cancelAnimationFrame(frame);
      resizes.disconnect();
      mutations.disconnect();
    };
  }, [noteRef]);
}
