// What each analysis measures, in words the report shows next to its figures.
import type { LocalizedText } from '../i18n/text';
import { METHOD_NOTE_EN, METHOD_NOTE_ZH } from './types';

export const STRAIGHT_LINE_METHOD: LocalizedText = { zh: METHOD_NOTE_ZH, en: METHOD_NOTE_EN };

export const CATCHMENT_METHOD: LocalizedText = {
  zh: `${METHOD_NOTE_ZH}；时间 = 直线距离 × 绕行系数 ÷ 速度；服务区为泰森多边形`,
  en: `${METHOD_NOTE_EN}; time = straight-line distance × detour factor ÷ speed; service areas are Voronoi cells`,
};
