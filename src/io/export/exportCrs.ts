// The coordinate systems a Shapefile can be written in, for the planners'
// desktop GIS: WGS84 (default), CGCS2000 geographic (EPSG:4490, the national
// datum: within centimetres of WGS84 at map scale, so the numbers are the
// same) and CGCS2000 3-degree Gauss–Krüger zone 38 (EPSG:4526, easting with
// the zone prefix 38 500 000, central meridian 114°E, where 驻马店 lies).
// The Gauss–Krüger definition is the import's own (src/io/import/crs.ts), so
// what is written is read back the same way. The .prj text is the ESRI WKT
// that ArcGIS writes and GDAL (`gdalsrsinfo -o wkt_esri EPSG:…`) produces.
import proj4 from 'proj4';
import type { Position } from 'geojson';
import { gaussKrugerProj, ZHUMADIAN_ZONE } from '../import/crs';
import type { LocalizedText } from '../../i18n/text';

export type ProjectedExportCrs = 'wgs84' | 'cgcs2000' | 'cgcs2000-gk3-38';
export const PROJECTED_EXPORT_CRSES: readonly ProjectedExportCrs[] = ['wgs84', 'cgcs2000', 'cgcs2000-gk3-38'];

const GCS_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const GCS_CGCS2000 =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const GK_ZONE_38 = `PROJCS["CGCS2000_3_Degree_GK_Zone_${ZHUMADIAN_ZONE}",${GCS_CGCS2000},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${ZHUMADIAN_ZONE}500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${ZHUMADIAN_ZONE * 3}.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

export interface ExportCrsDefinition {
  epsg: number;
  /** Short label for file names. */
  label: string;
  /** The .prj content (ESRI WKT, one line). */
  esriWkt: string;
  /** Decimal places kept: 7 for degrees (≈ 1 cm), 3 for metres (1 mm). */
  decimals: number;
  description: LocalizedText;
  /** WGS84 lon/lat → this system's x, y. */
  fromWgs84(position: Position): [number, number];
}

const identity = (position: Position): [number, number] => [position[0]!, position[1]!];
let gaussKruger: proj4.Converter | undefined;

export const EXPORT_CRS: Record<ProjectedExportCrs, ExportCrsDefinition> = {
  wgs84: {
    epsg: 4326,
    label: 'WGS84',
    esriWkt: GCS_WGS84,
    decimals: 7,
    description: { zh: 'WGS84 经纬度（EPSG:4326），度', en: 'WGS84 longitude/latitude (EPSG:4326), degrees' },
    fromWgs84: identity,
  },
  cgcs2000: {
    epsg: 4490,
    label: 'CGCS2000',
    esriWkt: GCS_CGCS2000,
    decimals: 7,
    description: {
      zh: 'CGCS2000 经纬度（EPSG:4490），度；CGCS2000 与 WGS84 在地图精度下相差厘米级，数值未作改动',
      en: 'CGCS2000 longitude/latitude (EPSG:4490), degrees; CGCS2000 and WGS84 differ by centimetres at map scale, so the numbers are unchanged',
    },
    fromWgs84: identity,
  },
  'cgcs2000-gk3-38': {
    epsg: 4526,
    label: `CGCS2000-GK3-${ZHUMADIAN_ZONE}`,
    esriWkt: GK_ZONE_38,
    decimals: 3,
    description: {
      zh: `CGCS2000 3 度带高斯-克吕格投影第 ${ZHUMADIAN_ZONE} 带（EPSG:4526），米；东坐标含带号（${ZHUMADIAN_ZONE} 500 000），中央经线 ${ZHUMADIAN_ZONE * 3}°E`,
      en: `CGCS2000 3-degree Gauss–Krüger zone ${ZHUMADIAN_ZONE} (EPSG:4526), metres; easting with the zone prefix (${ZHUMADIAN_ZONE} 500 000), central meridian ${ZHUMADIAN_ZONE * 3}°E`,
    },
    fromWgs84: (position) => {
      gaussKruger ??= proj4(gaussKrugerProj(ZHUMADIAN_ZONE * 3, ZHUMADIAN_ZONE * 1_000_000 + 500_000), 'WGS84');
      const [x, y] = gaussKruger.inverse([position[0]!, position[1]!]);
      return [x!, y!];
    },
  },
};
