// What the map's editing gestures and the keyboard do to the current scenario:
// each becomes one Edit through the scenario store (validated, undoable, saved).
import { useCallback, useMemo } from 'react';
import { countyLookup } from '../domain/counties';
import { deleteFeatures, moveFeature, placeUnlocatedFeature } from '../domain/edits';
import { isPlanLayer, newFeatureId, newImportedFeature, newPlanFeature } from '../domain/newFeature';
import { addFeature } from '../domain/edits';
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

  /** Adds a drawn (or typed) shape to the draw target; on success selects it and asks for its name. */
  const created = useCallback(
    (geometry: Geometry): string | null => {
      const { drawTarget } = viewStore.getState();
      const now = new Date();
      const id = newFeatureId(drawTarget.layer, now.getTime(), Math.random());
      const feature = isPlanLayer(drawTarget.layer)
        ? newPlanFeature(drawTarget.layer, drawTarget.classKey, geometry, id, now.toISOString())
        : newImportedFeature(geometry, id);
      if (!scenarioStore.getState().applyEdit(addFeature(drawTarget.layer, feature))) return null;
      viewStore.getState().selectFeature(id);
      useSketch.getState().askName(id);
      return id;
    },
    [scenarioStore, viewStore],
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
      if (layer && state.applyEdit(placeUnlocatedFeature(scenario, layer, featureId, lngLat, new Date().toISOString().slice(0, 10), counties)))
        viewStore.getState().selectFeature(featureId);
    },
    [scenarioStore, viewStore, counties],
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
