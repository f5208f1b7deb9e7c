// The questions asked before a drawn or placed shape is saved (a polygon that
// crosses itself, a position outside the city boundary): never a silent
// change, never a silent acceptance. See src/domain/drawnGeometry.ts.
import { useCallback } from 'react';
import type { Geometry, Polygon } from 'geojson';
import { outsideCity, outsideCityMessage, selfIntersection, selfIntersectionMessage } from '../domain/drawnGeometry';
import type { LocalizedText } from '../i18n/text';
import { useGeometryQuestion } from '../state/geometryQuestion';
import { useAppContext } from './context';

export const DRAWN_FEATURE: LocalizedText = { zh: '绘制的要素', en: 'The drawn feature' };
const SAVE_ANYWAY: LocalizedText = { zh: '仍然保存', en: 'Save anyway' };
const UNDERSTOOD: LocalizedText = { zh: '知道了', en: 'OK' };

/** How a repaired shape was changed, for the undo label. */
export interface RepairNote {
  parts: number;
}

export function useGeometryChecks() {
  const { base } = useAppContext();
  const ask = useGeometryQuestion((state) => state.ask);

  /** Confirms a position outside the city before `save`; saves at once when inside. */
  const confirmInsideCity = useCallback(
    (geometry: Geometry, what: LocalizedText, save: () => void) => {
      const found = outsideCity(geometry, base.context);
      if (!found) return save();
      ask({ message: outsideCityMessage(found, what), confirmLabel: SAVE_ANYWAY, onConfirm: save });
    },
    [base.context, ask],
  );

  /**
   * A drawn shape: a self-crossing polygon is offered split into its parts
   * (or refused when it cannot be), then a shape outside the city is
   * confirmed; `save` gets the geometries to add (one, or the parts).
   */
  const checkDrawn = useCallback(
    (geometry: Geometry, save: (geometries: Geometry[], repair: RepairNote | null) => void) => {
      const crossing = selfIntersection(geometry);
      if (!crossing) return confirmInsideCity(geometry, DRAWN_FEATURE, () => save([geometry], null));
      const message = selfIntersectionMessage(crossing);
      if (crossing.parts.length < 2) return ask({ message, confirmLabel: UNDERSTOOD, onConfirm: () => undefined });
      const parts: Polygon[] = crossing.parts;
      ask({
        message,
        confirmLabel: { zh: `拆成 ${parts.length} 个面保存`, en: `Save as ${parts.length} polygons` },
        onConfirm: () =>
          confirmInsideCity({ type: 'MultiPolygon', coordinates: parts.map((part) => part.coordinates) }, DRAWN_FEATURE, () => save(parts, { parts: parts.length })),
      });
    },
    [ask, confirmInsideCity],
  );

  return { checkDrawn, confirmInsideCity };
}
