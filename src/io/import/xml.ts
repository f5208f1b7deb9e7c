// XML for the readers of KML, GPX and Excel's sheet files: @xmldom/xmldom
// (Web Workers have no DOMParser), with the one XML attack a file can carry
// refused before parsing. A DOCTYPE that declares entities (the "billion
// laughs" expands a few hundred bytes into gigabytes; external entities
// read local files) has no place in KML, GPX or .xlsx, so it is refused,
// not expanded.
import { DOMParser } from '@xmldom/xmldom';
import type { LocalizedText } from '../../i18n/text';

export type XmlDocument = ReturnType<DOMParser['parseFromString']>;
export type XmlElement = ReturnType<XmlDocument['getElementsByTagName']>[number];

export type ParsedXml = { ok: true; document: XmlDocument } | { ok: false; code: 'unsafe-content' | 'corrupt-file'; message: LocalizedText };

export function parseXml(text: string, what: LocalizedText): ParsedXml {
  const head = text.slice(0, 1 << 16);
  if (/<!DOCTYPE[\s\S]*?<!ENTITY/i.test(head) || /<!ENTITY/i.test(head))
    return {
      ok: false,
      code: 'unsafe-content',
      message: {
        zh: `${what.zh}的 DOCTYPE 中声明了实体（<!ENTITY>）：这种写法可被用来让文件展开成数 GB（“十亿笑”攻击）或读取本机文件，正常的 ${what.zh}不需要它，因此拒绝读取。请用 GIS 软件重新导出。`,
        en: `the ${what.en} declares entities in its DOCTYPE (<!ENTITY>): this can make a file expand to gigabytes ("billion laughs") or read local files, and a normal ${what.en} never needs it, so it is refused. Export it again from a GIS.`,
      },
    };
  let firstError: string | undefined;
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') firstError ??= message;
      },
    }).parseFromString(text, 'text/xml');
    if (firstError !== undefined || !document.documentElement) throw new Error(firstError ?? 'no root element');
    return { ok: true, document };
  } catch (error) {
    const detail = (firstError ?? (error instanceof Error ? error.message : String(error))).split('\n')[0]?.slice(0, 160);
    return {
      ok: false,
      code: 'corrupt-file',
      message: {
        zh: `${what.zh}不是有效的 XML（${detail}）：文件可能不完整或已损坏。请重新导出。`,
        en: `the ${what.en} is not valid XML (${detail}): it may be incomplete or damaged. Export it again.`,
      },
    };
  }
}

/** Elements by local name, namespace prefix or not (`kml:Placemark` and `Placemark` alike). */
export function elements(root: XmlDocument | XmlElement, localName: string): XmlElement[] {
  const found = [...root.getElementsByTagName(localName)];
  return found.length > 0 ? found : [...root.getElementsByTagNameNS('*', localName)];
}

export function textIn(element: XmlElement | undefined): string {
  return (element?.textContent ?? '').trim();
}
