// What the map's editing gestures and the keyboard do to the current scenario:
// each becomes one Edit through the scenario store (validated, undoable, saved).
import { useCallback, useMemo } from 'react';
import { countyLookup } from '../domain/counties';
import { deleteFeatures, moveFeature, placeUnlocatedFeature } from '../domain/edits';
import { isPlanLayer, newFeatureId, newImportedFeature, newPlanFeature } from '../domain/newFeature';
import { addFeatures } from '../domain/drawnEdits';
import { useGeometryChecks } from './useGeometryChecks';
import type { Geometry } from 'geojson';
import type { Scenario } from '../domain/scenario';
import { useSketch } from '../state/sketchState';
import { useAppContext } from './context';

/** The layer holding a feature id in a scenario, if any. */
export function layerOf(scenario: Scenario, featureId: string): string | null {
  return scenario.layers.find((layer) => layer.features.some((feature) => feature.properties.id === featureId))?.id ?? null;
}

export function useEditing() {
  const { scenarioStore, store: viewStore, base } = useAppContext();
  const counties = useMemo(() => countyLookup(base.counties), [base.counties]);

  const { checkDrawn, confirmInsideCity } = useGeometryChecks();
  /**
   * Adds a drawn (or typed) shape to the draw target. A self-crossing polygon
   * is split only when the planner agrees, a shape outside the city saved
   * only when confirmed; once saved, the (first) new feature is selected, its
   * name asked for, and `onSaved` told its id.
   */
  const created = useCallback(
    (drawn: Geometry, onSaved?: (id: string) => void) =>
      checkDrawn(drawn, (geometries, repair) => {
        const { drawTarget } = viewStore.getState();
        const now = new Date();
        const features = geometries.map((geometry, index) => {
          const id = newFeatureId(drawTarget.layer, now.getTime() + index, Math.random());
          return isPlanLayer(drawTarget.layer)
            ? newPlanFeature(drawTarget.layer, drawTarget.classKey, geometry, id, now.toISOString())
            : newImportedFeature(geometry, id);
        });
        const edit = addFeatures(drawTarget.layer, features, repair);
        if (!scenarioStore.getState().applyEdit(edit)) return;
        const id = features[0]!.properties.id;
        viewStore.getState().selectFeature(id);
        useSketch.getState().askName(id);
        onSaved?.(id);
      }),
    [scenarioStore, viewStore, checkDrawn],
  );

  const edited = useCallback(
    (featureId: string, geometry: Geometry) => {
      const state = scenarioStore.getState();
      const scenario = state.current();
      const layer = layerOf(scenario, featureId);
      if (layer) state.applyEdit(moveFeature(scenario, layer, featureId, geometry, new Date().toISOString().slice(0, 10), counties));
    },
    [scenarioStore, counties],
  );

  const place = useCallback(
    (lngLat: [number, number]) => {
      const featureId = viewStore.getState().placingFeatureId;
      if (!featureId) return;
      const state = scenarioStore.getState();
      const scenario = state.current();
      const layer = layerOf(scenario, featureId);
      viewStore.getState().setPlacing(null);
      if (!layer) return;
      const name = scenario.layers.find((item) => item.id === layer)?.features.find((feature) => feature.properties.id === featureId)?.properties.name;
      const what = { zh: `“${String(name ?? featureId)}”`, en: `“${String(name ?? featureId)}”` };
      // A position outside the city boundary is kept only when the planner confirms it.
      confirmInsideCity({ type: 'Point', coordinates: lngLat }, what, () => {
        const current = scenarioStore.getState();
        if (current.applyEdit(placeUnlocatedFeature(current.current(), layer, featureId, lngLat, new Date().toISOString().slice(0, 10), counties)))
          viewStore.getState().selectFeature(featureId);
      });
    },
    [scenarioStore, viewStore, counties, confirmInsideCity],
  );

  const deleteSelected = useCallback(() => {
    const featureId = viewStore.getState().selectedFeatureId;
    if (!featureId) return;
    const state = scenarioStore.getState();
    const layer = layerOf(state.current(), featureId);
    if (layer && state.applyEdit(deleteFeatures(layer, [featureId], state.current()))) viewStore.getState().selectFeature(null);
  }, [scenarioStore, viewStore]);

  return { created, edited, place, deleteSelected };
}
