import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { emptyMetadata, labelOf, setField, type MetadataField, type PageMetadata } from './metadata.rules.ts';
import { squashSpaces } from './text.rules.ts';

/**
 * A web page as saved from a government portal: the CMS's metadata block
 * (索引号, 发文机关, 成文日期, 发文字号 …) and <meta> tags read apart, the
 * article's text kept with its paragraphs, navigation, scripts and styles
 * dropped. The text goes to the parser; the metadata is what the page prints
 * about the document and is laid over the parse (see formats.ts).
 */

export interface PageText {
  text: string;
  metadata: PageMetadata;
}

const metaNames: [string, MetadataField][] = [
  ['articletitle', 'title'],
  ['pubdate', 'postedOn'],
  ['contentsource', 'source'],
];

const dropped = 'script, style, noscript, template, iframe, nav, header, footer, form, select, button, input, textarea, svg, canvas, object, embed';
const droppedByName = /(^|[-_\s])(nav|menu|breadcrumb|crumb|footer|foot|header|share|qr|qrcode|sidebar|toolbar|print|related|relevant|pagination)([-_\s]|$)/i;
const contentSelectors = ['#UCAP-CONTENT', '.pages_content', '#zoom', '.TRS_Editor', '.article-content', '.article_content', '#content', '.content', 'article', '.main-text', '#mainText'];

const blockTags = new Set([
  'p', 'div', 'br', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tbody', 'thead', 'section', 'article', 'center',
  'blockquote', 'pre', 'dd', 'dt', 'dl', 'ul', 'ol', 'hr', 'main', 'aside', 'figure', 'figcaption', 'caption', 'address',
]);


/** The text of a small element, or null as soon as it passes `limit` characters (the metadata scan stays linear). */
function shortText(node: AnyNode, limit: number): string | null {
  let text = '';
  const walk = (current: AnyNode): boolean => {
    if (current.type === 'text') {
      text += current.data;
      return text.length <= limit;
    }
    if (current.type !== 'tag') return true;
    for (const child of (current as Element).children) if (!walk(child)) return false;
    return true;
  };
  return walk(node) ? text : null;
}

function nextElement(node: AnyNode): Element | null {
  let next = node.nextSibling;
  while (next && next.type !== 'tag') next = next.nextSibling;
  return (next as Element | null) ?? null;
}

const labelTags = new Set(['td', 'th', 'dt', 'span', 'b', 'strong', 'label', 'em']);
const pairTags = new Set(['li', 'p', 'div', 'td', 'span']);
const containers = new Set(['td', 'th', 'div', 'table', 'p', 'li', 'tr', 'ul', 'tbody']);

function readMetadata($: CheerioAPI): PageMetadata {
  const metadata = emptyMetadata();
  const visit = (element: Element) => {
    const name = element.tagName.toLowerCase();
    const nested = element.children.some((child) => child.type === 'tag' && containers.has((child as Element).tagName.toLowerCase()));
    if (!nested && (labelTags.has(name) || pairTags.has(name))) {
      const text = shortText(element, 160);
      if (text !== null) {
        // A table or list of label / value cells: <td>发文字号：</td><td>国办函〔2018〕71号</td>.
        const field = labelTags.has(name) ? labelOf(text) : null;
        if (field) {
          let next = nextElement(element);
          if (!next && (name === 'b' || name === 'strong' || name === 'span') && element.parent) next = nextElement(element.parent);
          const value = next ? shortText(next, 300) : null;
          if (value) setField(metadata, field, value);
        } else if (pairTags.has(name)) {
          // One element holding both: <li>成文日期：2018年10月27日</li>.
          const match = /^([^:：]{1,12})[:：]\s*(.+)$/.exec(text.replace(/[\s\u00a0]+/g, ' ').trim());
          const pair = match ? labelOf(match[1]!) : null;
          if (pair) setField(metadata, pair, match![2]!);
        }
      }
    }
    for (const child of element.children) if (child.type === 'tag') visit(child as Element);
  };
  for (const node of $.root().get(0)!.children) if (node.type === 'tag') visit(node as Element);
  $('meta[name]').each((_, element) => {
    const name = ($(element).attr('name') ?? '').toLowerCase();
    const field = metaNames.find(([meta]) => meta === name)?.[1];
    if (field) setField(metadata, field, $(element).attr('content') ?? '');
  });
  return metadata;
}

function contentRoot($: CheerioAPI): AnyNode[] {
  for (const selector of contentSelectors) {
    const found = $(selector).filter((_, element) => squashSpaces($(element).text()).length >= 50);
    if (found.length > 0) return [found.get(0)!];
  }
  const body = $('body');
  return body.length > 0 ? body.get() : $.root().get();
}

/** The visible text, one line per block, cells of a table row apart. */
function textOf(nodes: AnyNode[]): string {
  const out: string[] = [];
  const walk = (node: AnyNode) => {
    if (node.type === 'text') {
      out.push(node.data.replace(/[ \t\r\n\f]+/g, ' '));
      return;
    }
    if (node.type !== 'tag') return;
    const element = node as Element;
    const name = element.tagName.toLowerCase();
    const block = blockTags.has(name);
    if (block) out.push('\n');
    else if (name === 'td' || name === 'th') out.push('  ');
    for (const child of element.children) walk(child);
    if (block) out.push('\n');
  };
  for (const node of nodes) walk(node);
  return out
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

export function readHtml(html: string): PageText {
  // htmlparser2 (cheerio's forgiving, non-spec mode) reads a portal page several times faster than parse5.
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const metadata = readMetadata($);
  $(dropped).remove();
  $('[class], [id]').each((_, element) => {
    const names = `${$(element).attr('class') ?? ''} ${$(element).attr('id') ?? ''}`;
    if (droppedByName.test(names) && !/content|zoom|article|text/i.test(names)) $(element).remove();
  });
  return { text: textOf(contentRoot($)), metadata };
}
