// Which servers the map may ask for tiles. A deployment lists them when it is
// built (ZMD_TILE_ORIGINS, read by `vite build`): the same list goes into the
// page's Content-Security-Policy and into this check, so a source outside it is
// refused with a message before anything is requested, instead of failing
// tile by tile in the browser's console.
import type { LocalizedText } from '../i18n/text';

/** The build setting that lists the allowed tile origins (space or comma separated). */
export const TILE_ORIGINS_SETTING = 'ZMD_TILE_ORIGINS';

export interface OriginList {
  /** Normalised origins: `https://t0.tianditu.gov.cn`, `http://127.0.0.1:8080`, `https://*.example.cn`. */
  origins: string[];
  /** Entries that are not an origin (a path, another scheme, a typo). */
  invalid: string[];
}

const ORIGIN_PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+|\[[0-9a-f:]+\])(:\d{1,5})?\/?$/i;

/** Reads the setting's text. A wildcard is allowed only as the first label (`https://*.tianditu.gov.cn`), as in CSP. */
export function parseOriginList(text: string | undefined): OriginList {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const entry of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const match = ORIGIN_PATTERN.exec(entry);
    if (!match) invalid.push(entry);
    else {
      const origin = `${match[1]!.toLowerCase()}://${match[2] ?? ''}${match[3]!.toLowerCase()}${match[4] ?? ''}`;
      if (!origins.includes(origin)) origins.push(origin);
    }
  }
  return { origins, invalid };
}

/** The origin of a URL (placeholders allowed in path and query), or null when it is not an http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url.replace(/\{[^}]*\}/g, '0'));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  const url = new URL(origin);
  return allowed.some((entry) => {
    if (!entry.includes('://*.')) return entry === origin;
    const [scheme, rest] = entry.split('://*.') as [string, string];
    const entryUrl = new URL(`${scheme}://${rest}`);
    return url.protocol === entryUrl.protocol && url.port === entryUrl.port && url.hostname.endsWith(`.${entryUrl.hostname}`);
  });
}

/** Why these URLs may not be requested: the first origin not on the list, named with the setting that would allow it. */
export function originProblem(urls: readonly string[], allowed: readonly string[]): LocalizedText | null {
  for (const url of urls) {
    const origin = originOf(url);
    if (!origin) return { zh: `“${url}”不是 http(s) 地址`, en: `“${url}” is not an http(s) address` };
    if (!originAllowed(origin, allowed)) {
      const listed = allowed.length > 0 ? allowed.join(' ') : '（空）';
      const listedEn = allowed.length > 0 ? allowed.join(' ') : '(empty)';
      return {
        zh: `本部署不允许向 ${origin} 请求瓦片：该地址不在构建设置 ${TILE_ORIGINS_SETTING} 中（当前：${listed}）。请管理员将其加入 ${TILE_ORIGINS_SETTING} 后重新构建。`,
        en: `This deployment may not request tiles from ${origin}: it is not listed in the build setting ${TILE_ORIGINS_SETTING} (now: ${listedEn}). Ask the administrator to add it to ${TILE_ORIGINS_SETTING} and rebuild.`,
      };
    }
  }
  return null;
}
