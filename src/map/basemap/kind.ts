// What a basemap source kind provides: the checks on its records' access
// (shared with validation, see domain/basemap.ts) and the MapLibre sources and
// layers one record draws. A kind never sees the app's own layers: it only
// fills the two basemap slots (src/map/basemap/liveBasemap.ts).
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { BasemapKindRules, BasemapSource } from '../../domain/basemap';
import type { Language } from '../../i18n/dictionary';
import type { LocalizedText } from '../../i18n/text';
import type { ContextCollection, CountyCollection } from '../../domain/dataset';

/** What a kind may draw from besides its record: the app's bundled geography and the interface language. */
export interface BasemapKindContext {
  counties: CountyCollection;
  context: ContextCollection;
  language: Language;
  /** Keys the planner gave for key-protected services, kept in this browser only (never in a record, a project file or an export). */
  keys?: BasemapKeys;
}

export interface BasemapKeys {
  tianditu?: string;
  /** Other services' keys by record (`style:<record id>`, see kinds/styleUrl.ts). */
  [service: string]: string | undefined;
}

/**
 * One record's part of the map style. Ids are the kind's own: the live
 * basemap prefixes them per record, so two records of one kind never clash.
 */
export interface BasemapStyleParts {
  sources: Record<string, SourceSpecification>;
  /** Beneath the app's layers (analysis, plan symbols and their labels): fills, lines, imagery. */
  base: LayerSpecification[];
  /** Above the plan symbols and their labels: place names, annotation tiles. */
  labels: LayerSpecification[];
}

export interface BasemapKind extends BasemapKindRules {
  styleParts(source: BasemapSource, context: BasemapKindContext): BasemapStyleParts;
  /** The URLs a record will request (checked against the deployment's tile origins); none for sources inside the app. */
  requestUrls?(source: BasemapSource, context: BasemapKindContext): string[];
  /** Why the record cannot be drawn now though its access is valid (a key not yet given). */
  drawProblem?(source: BasemapSource, context: BasemapKindContext): LocalizedText | null;
}

/** For kinds reached without any access values. */
export const NEEDS_NO_ACCESS = () => null;
