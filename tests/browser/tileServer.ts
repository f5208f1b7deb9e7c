// A tile server for the basemap tests, on the loopback port the shared build
// allows (global-setup's tileOrigin): solid-colour PNG tiles whose colour is
// known for every place (the colour of the zoom-8 tile above them, so any zoom
// MapLibre picks draws the same picture), XYZ and TMS paths, a WMTS service
// (GetCapabilities, RESTful and KVP tiles) and a path without CORS headers.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { PNG } from 'pngjs';
import { lonLatToTile, tileBounds } from '../support/tiles';

/** The zoom whose tiles set the colours. */
export const COLOUR_ZOOM = 8;
export const SERVER_PALETTE: readonly [number, number, number][] = [
  [230, 25, 75],
  [60, 180, 75],
  [0, 130, 200],
  [245, 130, 48],
];

/** The colour of the zoom-8 tile holding a tile (or the tile itself, from zoom 8 down it is grey). */
export function colourOfTile(palette: readonly [number, number, number][], z: number, x: number, y: number): [number, number, number] {
  if (z < COLOUR_ZOOM) return [128, 128, 128];
  const shift = z - COLOUR_ZOOM;
  const x8 = x >> shift;
  const y8 = y >> shift;
  return palette[(x8 % 2) + 2 * (y8 % 2)]!;
}

/** The colour expected at a place. */
export function colourAt(palette: readonly [number, number, number][], lngLat: [number, number]): [number, number, number] {
  const { x, y } = lonLatToTile(lngLat, COLOUR_ZOOM);
  return colourOfTile(palette, COLOUR_ZOOM, x, y);
}

const pngCache = new Map<string, Buffer>();
export function solidPng([r, g, b]: readonly number[], size = 256): Buffer {
  const key = `${r},${g},${b},${size}`;
  let buffer = pngCache.get(key);
  if (!buffer) {
    const png = new PNG({ width: size, height: size });
    for (let index = 0; index < size * size; index += 1) png.data.set([r!, g!, b!, 255], index * 4);
    buffer = PNG.sync.write(png);
    pngCache.set(key, buffer);
  }
  return buffer;
}

/** Web Mercator (GoogleMapsCompatible, 0.28 mm pixels) levels 0–18, and 天地图's geographic CGCS2000 “c” set, which the map must refuse. */
export function capabilitiesXml(origin: string): string {
  const matrices = Array.from({ length: 19 }, (_, z) => {
    const n = 2 ** z;
    return `<TileMatrix><ows:Identifier>${z}</ows:Identifier><ScaleDenominator>${559082264.0287178 / n}</ScaleDenominator><TopLeftCorner>-20037508.3427892 20037508.3427892</TopLeftCorner><TileWidth>256</TileWidth><TileHeight>256</TileHeight><MatrixWidth>${n}</MatrixWidth><MatrixHeight>${n}</MatrixHeight></TileMatrix>`;
  }).join('');
  const geographic = Array.from({ length: 18 }, (_, index) => {
    const z = index + 1;
    return `<TileMatrix><ows:Identifier>${z}</ows:Identifier><ScaleDenominator>${2.958293554545656e8 / 2 ** (z - 1)}</ScaleDenominator><TopLeftCorner>90 -180</TopLeftCorner><TileWidth>256</TileWidth><TileHeight>256</TileHeight><MatrixWidth>${2 ** z}</MatrixWidth><MatrixHeight>${2 ** (z - 1)}</MatrixHeight></TileMatrix>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.0.0">
  <ows:ServiceIdentification><ows:Title>测试瓦片服务</ows:Title><ows:ServiceType>OGC WMTS</ows:ServiceType></ows:ServiceIdentification>
  <ows:OperationsMetadata>
    <ows:Operation name="GetTile"><ows:DCP><ows:HTTP><ows:Get xlink:href="${origin}/wmts/kvp?"><ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>KVP</ows:Value></ows:AllowedValues></ows:Constraint></ows:Get></ows:HTTP></ows:DCP></ows:Operation>
  </ows:OperationsMetadata>
  <Contents>
    <Layer><ows:Title>彩色格网（REST）</ows:Title><ows:Identifier>grid</ows:Identifier><Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style><Format>image/png</Format><TileMatrixSetLink><TileMatrixSet>GoogleMapsCompatible</TileMatrixSet></TileMatrixSetLink><ResourceURL format="image/png" resourceType="tile" template="${origin}/wmts/rest/grid/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png"/></Layer>
    <Layer><ows:Title>彩色格网（KVP）</ows:Title><ows:Identifier>grid_kvp</ows:Identifier><Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style><Format>image/png</Format><TileMatrixSetLink><TileMatrixSet>GoogleMapsCompatible</TileMatrixSet></TileMatrixSetLink></Layer>
    <Layer><ows:Title>经纬度矢量（c）</ows:Title><ows:Identifier>vec_c</ows:Identifier><Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style><Format>tiles</Format><TileMatrixSetLink><TileMatrixSet>c</TileMatrixSet></TileMatrixSetLink></Layer>
    <TileMatrixSet><ows:Identifier>GoogleMapsCompatible</ows:Identifier><ows:SupportedCRS>urn:ogc:def:crs:EPSG::3857</ows:SupportedCRS><WellKnownScaleSet>urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible</WellKnownScaleSet>${matrices}</TileMatrixSet>
    <TileMatrixSet><ows:Identifier>c</ows:Identifier><ows:SupportedCRS>urn:ogc:def:crs:EPSG::4490</ows:SupportedCRS>${geographic}</TileMatrixSet>
  </Contents>
</Capabilities>`;
}

export interface TileServer {
  origin: string;
  /** Every path requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** A test's own paths (a style document, say): answers and returns true, or returns false to fall through to the tiles. */
export type ExtraRoutes = (url: URL, response: ServerResponse, headers: Record<string, string>) => boolean;

export function startTileServer(origin: string, extraRoutes?: ExtraRoutes): Promise<TileServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    requests.push(url.pathname + url.search);
    const cors = !url.pathname.startsWith('/nocors/');
    const headers = { ...(cors && { 'Access-Control-Allow-Origin': '*' }), 'Cache-Control': 'no-store' };
    const tile = (z: number, x: number, y: number) => {
      if (![z, x, y].every(Number.isInteger) || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) {
        response.writeHead(404, headers).end();
        return;
      }
      response.writeHead(200, { ...headers, 'Content-Type': 'image/png' }).end(solidPng(colourOfTile(SERVER_PALETTE, z, x, y)));
    };
    if (extraRoutes?.(url, response, headers)) return;
    let match: RegExpExecArray | null;
    if ((match = /^\/(?:nocors\/)?xyz\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(url.pathname))) return tile(Number(match[1]), Number(match[2]), Number(match[3]));
    if ((match = /^\/tms\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(url.pathname))) {
      const z = Number(match[1]);
      return tile(z, Number(match[2]), 2 ** z - 1 - Number(match[3]));
    }
    if ((match = /^\/wmts\/rest\/grid\/default\/GoogleMapsCompatible\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(url.pathname)))
      return tile(Number(match[1]), Number(match[3]), Number(match[2]));
    if (url.pathname === '/wmts/kvp') {
      const q = (name: string) => url.searchParams.get(name) ?? '';
      if (q('REQUEST') !== 'GetTile' || q('LAYER') !== 'grid_kvp' || q('TILEMATRIXSET') !== 'GoogleMapsCompatible') return void response.writeHead(400, headers).end();
      return tile(Number(q('TILEMATRIX')), Number(q('TILECOL')), Number(q('TILEROW')));
    }
    if (url.pathname === '/wmts/capabilities.xml')
      return void response.writeHead(200, { ...headers, 'Content-Type': 'application/xml; charset=utf-8' }).end(capabilitiesXml(origin));
    response.writeHead(404, headers).end();
  });
  const port = Number(new URL(origin).port);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        origin,
        requests,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

/** Places across the city, away from the edges of the colour tiles (where a pixel could fall either side). */
export function samplesAwayFromTileEdges(): [number, number][] {
  const samples: [number, number][] = [];
  for (let lng = 113.35; lng <= 114.95; lng += 0.1)
    for (let lat = 32.45; lat <= 33.75; lat += 0.1) {
      const { x, y } = lonLatToTile([lng, lat], COLOUR_ZOOM);
      const [west, south, east, north] = tileBounds(COLOUR_ZOOM, x, y);
      if (Math.min(lng - west, east - lng) > 0.06 && Math.min(lat - south, north - lat) > 0.06) samples.push([lng, lat]);
    }
  return samples;
}
