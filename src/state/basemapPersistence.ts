// Writes the basemap list and the service keys to this browser whenever they change.
import { saveBasemapKeys, saveBasemapList } from '../storage/basemapSettings';
import type { ViewStore } from './viewState';

export function connectBasemapPersistence(store: ViewStore) {
  return store.subscribe((state, previous) => {
    if (state.basemapSources !== previous.basemapSources) saveBasemapList(state.basemapSources);
    if (state.basemapKeys !== previous.basemapKeys) saveBasemapKeys({ ...state.basemapKeys });
  });
}
