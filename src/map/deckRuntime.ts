// deck.gl loaded on first use. The map starts it as soon as the basemap has
// drawn (MapView), so the first map never waits for it; the layer builders
// (planLayers, importedLayers, analysisLayers, diffLayers) take deck.gl's
// classes from deck() and are only called once deckReady() says so (useDeck).
import { useEffect, useState } from 'react';

export type DeckModules = typeof import('./deckModules');

let modules: DeckModules | null = null;
let loading: Promise<DeckModules> | null = null;
const waiting = new Set<() => void>();

/** Loads deck.gl once; a failed load (offline after an update) may be tried again. */
export function loadDeck(): Promise<DeckModules> {
  loading ??= import('./deckModules').then(
    (loaded) => {
      modules = loaded;
      for (const notify of waiting) notify();
      waiting.clear();
      return loaded;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** True once deck.gl has loaded. */
export function deckReady(): boolean {
  return modules !== null;
}

/** deck.gl's classes; only call once deckReady() (a builder called earlier is a bug, said loudly). */
export function deck(): DeckModules {
  if (!modules) throw new Error('deck.gl is not loaded yet: call loadDeck() first');
  return modules;
}

/** Re-renders the component once deck.gl has loaded; true from then on. It does not start the load. */
export function useDeckReady(): boolean {
  const [ready, setReady] = useState(deckReady);
  useEffect(() => {
    if (ready) return;
    if (deckReady()) return setReady(true);
    const notify = () => setReady(true);
    waiting.add(notify);
    return () => {
      waiting.delete(notify);
    };
  }, [ready]);
  return ready;
}
