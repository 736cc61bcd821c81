import { load } from 'cheerio';
import { AppError } from '../../core/errors.ts';

/**
 * Where the pages of a harvest come from, read without I/O: a sitemap
 * (<urlset>, or a <sitemapindex> of further sitemaps), a list page whose links
 * lead to document pages, or a file of addresses, one a line.
 */

export interface SitemapEntry {
  url: string;
  /** <lastmod> as written (a W3C date or date-time), if any. */
  lastmod: string | null;
}

export type Sitemap = { kind: 'urlset'; entries: SitemapEntry[] } | { kind: 'index'; sitemaps: string[] };

/** Extensions of the pages and files a portal publishes documents as. */
export const defaultDocumentPattern = /\.(?:s?html?|pdf|docx?|ofd|wps|txt)$/i;

/** The text of a page: UTF-8, or (Chinese portals still serve it) GB18030. */
export function decodePage(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Whether the bytes are a sitemap (XML with <urlset> or <sitemapindex>), judged by content, not by name. */
export function looksLikeSitemap(text: string): boolean {
  const head = text.slice(0, 2000);
  return /<(?:[\w-]+:)?(?:urlset|sitemapindex)[\s>]/i.test(head);
}

/** A sitemap's addresses, resolved against the sitemap's own; those that are not http(s) are left out. */
export function parseSitemap(text: string, base: string): Sitemap {
  const $ = load(text, { xml: true });
  const absolute = (value: string) => resolveHttp(value.trim(), base);
  if ($('sitemapindex').length > 0) {
    const sitemaps = $('sitemapindex > sitemap > loc').map((_, loc) => absolute($(loc).text())).get().filter((url): url is string => url !== null);
    return { kind: 'index', sitemaps: unique(sitemaps) };
  }
  if ($('urlset').length === 0) throw new AppError('validation_failed', `${base}: 不是网站地图(没有 <urlset> 或 <sitemapindex>)`);
  const entries: SitemapEntry[] = [];
  const seen = new Set<string>();
  $('urlset > url').each((_, node) => {
    const url = absolute($(node).children('loc').first().text());
    if (!url || seen.has(url)) return;
    seen.add(url);
    const lastmod = $(node).children('lastmod').first().text().trim();
    entries.push({ url, lastmod: lastmod || null });
  });
  return { kind: 'urlset', entries };
}

export interface ListPageLinks {
  /** Document pages linked from the page's body, in page order. */
  documents: string[];
  /** The next page of the list (下一页), if there is one. */
  next: string | null;
}

/** Parts of a portal page that are not the list: navigation, headers, footers, menus. */
const chrome = 'nav, header, footer, script, style, noscript, form';
const chromeByName = /(^|[-_\s])(nav|navbar|menu|breadcrumb|crumb|footer|foot|header|head|top|sidebar|toolbar|share|friendlink|links)([-_\s]|$)/i;
const nextPageLabels = /^(?:下一页|下页|后一页|next|›|»|>)$/i;
/** Links of a pager: other pages of the list, never documents. */
const pagerLabels = /^(?:首页|尾页|末页|上一页|上页|前一页|下一页|下页|后一页|第\d+页|\d+|prev|previous|next|first|last|[‹›«»<>])$/i;

/**
 * The links of a list page that lead to document pages: on the page's own
 * host, in the page's body (not its navigation), and matching `match` (by
 * default, an address ending like a document: .htm, .shtml, .pdf, .docx …).
 */
export function linksOfListPage(html: string, pageUrl: string, match: RegExp | null = null): ListPageLinks {
  const $ = load(html);
  const base = $('base[href]').attr('href');
  const baseUrl = base ? (resolveHttp(base, pageUrl) ?? pageUrl) : pageUrl;
  const host = new URL(pageUrl).host;
  let next: string | null = null;
  $('a[href]').each((_, anchor) => {
    if (next) return;
    const label = $(anchor).text().replace(/[\s\u3000\u00a0]+/g, '');
    if (nextPageLabels.test(label)) next = resolveHttp($(anchor).attr('href') ?? '', baseUrl);
  });
  $(chrome).remove();
  $('[class], [id]').each((_, element) => {
    const names = `${$(element).attr('class') ?? ''} ${$(element).attr('id') ?? ''}`;
    if (chromeByName.test(names)) $(element).remove();
  });
  const documents: string[] = [];
  const seen = new Set<string>([withoutFragment(pageUrl)]);
  if (next) seen.add(next);
  $('a[href]').each((_, anchor) => {
    if (pagerLabels.test($(anchor).text().replace(/[\s\u3000\u00a0]+/g, ''))) return;
    const url = resolveHttp($(anchor).attr('href') ?? '', baseUrl);
    if (!url || seen.has(url) || new URL(url).host !== host) return;
    const wanted = match ? match.test(url) : defaultDocumentPattern.test(new URL(url).pathname);
    if (!wanted) return;
    seen.add(url);
    documents.push(url);
  });
  return { documents, next: next && new URL(next).host === host ? next : null };
}

/** A file of addresses: one a line, blank lines and # comments skipped. A line that is not an http(s) address is refused by its number. */
export function parseUrlList(text: string, fileName: string): string[] {
  const urls: string[] = [];
  const problems: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const url = resolveHttp(line, null);
    if (url) urls.push(url);
    else problems.push(`第 ${index + 1} 行「${line.slice(0, 80)}」不是 http 或 https 网址`);
  });
  if (problems.length > 0) throw new AppError('validation_failed', `${fileName}: ${problems.join(';')}`, { file: fileName, problems });
  if (urls.length === 0) throw new AppError('validation_failed', `${fileName}: 没有网址`, { file: fileName });
  return unique(urls);
}

/** An http(s) address without its fragment, or null. */
export function resolveHttp(value: string, base: string | null): string | null {
  if (!value || /^(?:javascript|mailto|tel|data):/i.test(value)) return null;
  let url: URL;
  try {
    url = base ? new URL(value, base) : new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.toString();
}

function withoutFragment(url: string): string {
  return resolveHttp(url, null) ?? url;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
