import { findDate, squashSpaces } from './text.rules.ts';

/**
 * What a page prints about the document apart from the document itself — a portal's CMS block
 * (索引号, 发文机关, 成文日期, 发文字号 …), a Markdown export's front matter — keyed by the labels such
 * blocks use. It is laid over the parse (formats.ts `applyMetadata`).
 */

export interface PageMetadata {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  /** 成文日期 as printed in the block, as YYYY-MM-DD. */
  signedOn: string | null;
  /** The web posting time (发布日期, PubDate): used only when nothing else dates the document. */
  postedOn: string | null;
  indexNumber: string | null;
  subject: string | null;
  validity: string | null;
  source: string | null;
}

export type MetadataField = keyof PageMetadata;

const labels: [RegExp, MetadataField][] = [
  [/^(?:索引号|索取号)$/, 'indexNumber'],
  [/^(?:主题分类|分类|主题类别)$/, 'subject'],
  [/^(?:发文机关|发布机构|发文单位|制发机关|发文机构|发布单位|发布机关|制发单位)$/, 'issuer'],
  [/^(?:成文日期|成文时间|印发日期|发文日期|签发日期)$/, 'signedOn'],
  [/^(?:发布日期|发布时间|公开日期|公开时间)$/, 'postedOn'],
  [/^(?:标题|名称|文件名称|公文名称)$/, 'title'],
  [/^(?:发文字号|文号|文件编号|发文号)$/, 'docNumber'],
  [/^(?:有效性|效力状态|时效性|有效性状态)$/, 'validity'],
];


export function emptyMetadata(): PageMetadata {
  return { title: null, docNumber: null, issuer: null, signedOn: null, postedOn: null, indexNumber: null, subject: null, validity: null, source: null };
}

export function labelOf(text: string): MetadataField | null {
  const bare = squashSpaces(text).replace(/[:：]$/, '');
  if (bare.length === 0 || bare.length > 8) return null;
  return labels.find(([pattern]) => pattern.test(bare))?.[1] ?? null;
}

export function setField(metadata: PageMetadata, field: MetadataField, raw: string): void {
  const value = raw.replace(/[\s\u00a0]+/g, ' ').trim();
  if (!value || metadata[field]) return;
  metadata[field] = field === 'signedOn' || field === 'postedOn' ? findDate(value) : field === 'docNumber' || field === 'issuer' ? squashSpaces(value) : value;
}
