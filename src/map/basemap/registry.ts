// Every basemap source kind the app can draw. A new kind is one file in
// ./kinds and one line here; records of kinds not listed are refused when read.
import type { BasemapKind } from './kind';
import { blankKind } from './kinds/blank';
import { bundledCountiesKind } from './kinds/bundledCounties';
import { countyOverlayKind } from './kinds/countyOverlay';
import { styleUrlKind } from './kinds/styleUrl';
import { tiandituKind } from './kinds/tianditu';
import { tilePackageKind } from './kinds/tilePackage';
import { wmtsKind } from './kinds/wmts';
import { xyzKind } from './kinds/xyz';

export const BASEMAP_KINDS: readonly BasemapKind[] = [bundledCountiesKind, blankKind, countyOverlayKind, xyzKind, wmtsKind, tiandituKind, tilePackageKind, styleUrlKind];

export function basemapKind(kind: string): BasemapKind | undefined {
  return BASEMAP_KINDS.find((candidate) => candidate.kind === kind);
}
