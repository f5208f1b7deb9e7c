// The tile origins this build allows: `vite build` reads ZMD_TILE_ORIGINS and
// writes the same list into the page's Content-Security-Policy (vite.config.ts),
// so what this check lets through the browser lets through too.
import { parseOriginList } from '../../domain/basemapOrigins';

declare const __ZMD_TILE_ORIGINS__: string | undefined;

export const ALLOWED_TILE_ORIGINS: readonly string[] = parseOriginList(typeof __ZMD_TILE_ORIGINS__ === 'string' ? __ZMD_TILE_ORIGINS__ : '').origins;
