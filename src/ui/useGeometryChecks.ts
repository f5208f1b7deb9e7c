// The questions asked before a drawn or placed shape is saved (a polygon that
// crosses itself, a position outside the city boundary): never a silent
// change, never a silent acceptance. See src/domain/drawnGeometry.ts.
import { useCallback } from 'react';
import type { Geometry, Polygon } from 'geojson';
import type { LocalizedText } from '../i18n/text';
import { useGeometryQuestion } from '../state/geometryQuestion';
import { useAppContext } from './context';

export const DRAWN_FEATURE: LocalizedText = { zh: '绘制的要素', en: 'The drawn feature' };
const SAVE_ANYWAY: LocalizedText = { zh: '仍然保存', en: 'Save anyway' };
/** The checks' code could not load (offline right after an update): the shape is kept only if the planner says so. */
const CHECKS_UNAVAILABLE: LocalizedText = {
  zh: '几何检查的程序文件未能加载（可能已离线，或本程序刚更新过），无法检查该要素是否自相交或位于市界外。仍然保存吗？',
  en: 'The geometry checks could not be loaded (offline, or the app was just updated), so this shape was not checked for self-crossing or for lying outside the city. Save it anyway?',
};
const UNDERSTOOD: LocalizedText = { zh: '知道了', en: 'OK' };

/** How a repaired shape was changed, for the undo label. */
export interface RepairNote {
  parts: number;
}

/** The checks (Turf's kinks and unkink, the city outline tests) load with the first drawn or placed shape. */
const checks = () => Promise.all([import('../domain/drawnGeometry'), import('../analysis/outsideCity')]).then(([questions, measures]) => ({ ...questions, ...measures }));

export function useGeometryChecks() {
  const { base } = useAppContext();
  const ask = useGeometryQuestion((state) => state.ask);

  /** Confirms a position outside the city before `save`; saves at once when inside. */
  const confirmInsideCity = useCallback(
    (geometry: Geometry, what: LocalizedText, save: () => void) => {
      void checks().then(({ outsideCity, outsideCityMessage }) => {
        const found = outsideCity(geometry, base.context);
        if (!found) return save();
        ask({ message: outsideCityMessage(found, what), confirmLabel: SAVE_ANYWAY, onConfirm: save });
      }, () => ask({ message: CHECKS_UNAVAILABLE, confirmLabel: SAVE_ANYWAY, onConfirm: save }));
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
      void checks().then(({ selfIntersection, selfIntersectionMessage }) => {
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
      }, () => ask({ message: CHECKS_UNAVAILABLE, confirmLabel: SAVE_ANYWAY, onConfirm: () => save([geometry], null) }));
    },
    [ask, confirmInsideCity],
  );

  return { checkDrawn, confirmInsideCity };
}
