// deck.gl layers for the plan features. Rebuilt from state on every change
// (deck diffs them by id), never mutated in place.
import type { Layer, PickingInfo } from '@deck.gl/core';
import {
  CollisionFilterExtension,
  PathStyleExtension,
  type CollisionFilterExtensionProps,
  type PathStyleExtensionProps,
} from '@deck.gl/extensions';
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import { classDefinitionOf, type ClassDefinition, type Rgb } from '../domain/layers';
import { isSchematic, type PlanFeature } from '../domain/plan';
import type { Language } from '../i18n/dictionary';

/** One drawable feature with its resolved style. */
export interface DrawnFeature {
  feature: PlanFeature;
  style: ClassDefinition;
  position: Position;
}

export const LABEL_FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const rgba = (color: Rgb, alpha: number): [number, number, number, number] => [color[0], color[1], color[2], alpha];
const dashed = new PathStyleExtension({ dash: true });
const collision = new CollisionFilterExtension();

function anchorPosition(feature: PlanFeature): Position | null {
  const geometry = feature.geometry;
  if (!geometry) return null;
  if (geometry.type === 'Point') return geometry.coordinates;
  // A line's label sits on its middle vertex.
  return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)] ?? null;
}

export function toDrawnFeatures(features: readonly PlanFeature[]): DrawnFeature[] {
  const drawn: DrawnFeature[] = [];
  for (const feature of features) {
    const position = anchorPosition(feature);
    if (!position || feature.properties.accuracy === 'unlocated') continue;
    drawn.push({ feature, style: classDefinitionOf(feature.properties), position });
  }
  return drawn;
}

export interface PlanLayerOptions {
  drawn: readonly DrawnFeature[];
  selectedId: string | null;
  language: Language;
  onPick: (featureId: string | null) => void;
}

const pickFeatureId = (info: PickingInfo<DrawnFeature>) => info.object?.feature.properties.id ?? null;

export function buildPlanLayers({ drawn, selectedId, language, onPick }: PlanLayerOptions): Layer[] {
  // Larger zones first, so a small 商圈 inside the centre's ring stays clickable.
  const zones = drawn.filter((item) => item.style.symbol === 'zone').sort((a, b) => b.style.size - a.style.size);
  const lines = drawn.filter((item) => item.style.symbol === 'line' && item.feature.geometry?.type === 'LineString');
  const points = drawn.filter((item) => item.style.symbol === 'point');
  const selected = drawn.find((item) => item.feature.properties.id === selectedId);
  const onClick = (info: PickingInfo<DrawnFeature>) => onPick(pickFeatureId(info));

  const layers: Layer[] = [
    new ScatterplotLayer<DrawnFeature, PathStyleExtensionProps<DrawnFeature>>({
      id: 'plan-zones',
      data: zones,
      pickable: true,
      onClick,
      radiusUnits: 'meters',
      getRadius: (item) => item.style.size,
      getPosition: (item) => item.position as [number, number],
      stroked: true,
      filled: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      getFillColor: (item) => rgba(item.style.color, 46),
      getLineColor: (item) => rgba(item.style.color, 230),
      // Every zone is 示意: the plans name areas, never their extent.
      getDashArray: [3, 2],
      extensions: [dashed],
    }),
    new PathLayer<DrawnFeature, PathStyleExtensionProps<DrawnFeature>>({
      id: 'plan-lines',
      data: lines,
      pickable: true,
      onClick,
      getPath: (item) => (item.feature.geometry?.type === 'LineString' ? item.feature.geometry.coordinates : []) as [number, number][],
      widthUnits: 'pixels',
      getWidth: (item) => item.style.size,
      capRounded: true,
      jointRounded: true,
      getColor: (item) => rgba(item.style.color, 150),
      getDashArray: (item) => (isSchematic(item.feature) ? [3, 2] : [0, 0]),
      extensions: [dashed],
    }),
    new ScatterplotLayer<DrawnFeature>({
      id: 'plan-points',
      data: points,
      pickable: true,
      onClick,
      radiusUnits: 'pixels',
      getRadius: (item) => item.style.size,
      getPosition: (item) => item.position as [number, number],
      stroked: true,
      filled: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      // Solid dot: a GeoNames point or county seat; hollow: a schematic position.
      getFillColor: (item) => (isSchematic(item.feature) ? [255, 255, 255, 230] : rgba(item.style.color, 255)),
      getLineColor: (item) => (isSchematic(item.feature) ? rgba(item.style.color, 255) : [255, 255, 255, 255]),
    }),
    new TextLayer<DrawnFeature, CollisionFilterExtensionProps<DrawnFeature>>({
      id: 'plan-labels',
      data: drawn,
      characterSet: 'auto',
      fontFamily: LABEL_FONT_FAMILY,
      fontSettings: { sdf: true, fontSize: 32, buffer: 6 },
      getText: (item) => (language === 'en' ? item.feature.properties.name_en : item.feature.properties.name),
      getPosition: (item) => item.position as [number, number],
      getSize: (item) => (item.style.symbol === 'zone' ? 14 : 12),
      getColor: [40, 36, 30, 255],
      outlineWidth: 4,
      outlineColor: [255, 255, 255, 235],
      getTextAnchor: 'middle',
      getAlignmentBaseline: (item) => (item.style.symbol === 'point' ? 'top' : 'center'),
      getPixelOffset: (item) => (item.style.symbol === 'point' ? [0, item.style.size + 3] : [0, 0]),
      updateTriggers: { getText: language },
      collisionEnabled: true,
      getCollisionPriority: (item) => item.style.labelPriority,
      collisionTestProps: { sizeScale: 1.2 },
      extensions: [collision],
    }),
  ];

  if (selected) {
    layers.push(
      new ScatterplotLayer<DrawnFeature>({
        id: 'plan-selection',
        data: [selected],
        radiusUnits: 'pixels',
        getRadius: (item) => (item.style.symbol === 'point' ? item.style.size + 6 : 10),
        getPosition: (item) => item.position as [number, number],
        stroked: true,
        filled: false,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        getLineColor: [20, 20, 20, 255],
      }),
    );
  }
  return layers;
}
