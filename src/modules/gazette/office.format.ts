import { AppError } from '../../core/errors.ts';
import { layoutText, type Fragment } from './layout.rules.ts';
import type { ZipArchive } from './zip.rules.ts';

/**
 * The two zip-of-XML formats. DOCX: word/document.xml, one line per
 * paragraph, a table row's cells apart on one line. OFD (GB/T 33190-2016):
 * OFD.xml names the document, its Document.xml lists the pages in order,
 * each page's Content.xml holds TextObjects whose TextCodes are placed text.
 */

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function xmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    if (entity[0] !== '#') return entities[entity.toLowerCase()]!;
    const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return String.fromCodePoint(code);
  });
}

function entryText(zip: ZipArchive, name: string, fileName: string): string {
  const bytes = zip.read(name);
  if (!bytes) throw new AppError('file_corrupt', `${fileName}: 缺少 ${name},文件不完整`, { file: fileName });
  return new TextDecoder('utf-8').decode(bytes);
}

const docxToken = /<w:tc[\s>]|<w:p[\s>/]|<\/w:p>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br(?:\s[^>]*)?\/>|<w:cr\/>|<\/w:tc>|<\/w:tr>/g;

export function readDocx(zip: ZipArchive, fileName: string): string {
  const xml = entryText(zip, 'word/document.xml', fileName);
  const lines: string[] = [];
  let line = '';
  let row: string[] | null = null;
  let cell = '';
  let inCell = 0;
  const flush = () => {
    if (inCell > 0) cell += (cell && line ? ' ' : '') + line;
    else if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const match of xml.matchAll(docxToken)) {
    const token = match[0];
    if (token.startsWith('<w:tc')) inCell++;
    else if (token.startsWith('<w:t')) line += xmlText(match[1] ?? '');
    else if (token === '<w:tab/>') line += ' ';
    else if (token.startsWith('<w:br') || token === '<w:cr/>') {
      flush();
    } else if (token === '</w:p>') flush();
    else if (token === '</w:tc>') {
      flush();
      (row ??= []).push(cell.trim());
      cell = '';
      inCell = Math.max(0, inCell - 1);
    } else if (token === '</w:tr>') {
      if (row && row.some(Boolean)) lines.push(row.join('  '));
      row = null;
    }
  }
  flush();
  return lines.join('\n');
}

const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
const numbers = (value: string | null) => (value ?? '').trim().split(/\s+/).filter(Boolean).map(Number);

export function readOfd(zip: ZipArchive, fileName: string, maxPages: number): { text: string; pages: number } {
  const root = entryText(zip, 'OFD.xml', fileName);
  const docRoot = /<(?:ofd:)?DocRoot>([^<]+)<\/(?:ofd:)?DocRoot>/.exec(root)?.[1]?.trim().replace(/^\//, '');
  if (!docRoot) throw new AppError('file_corrupt', `${fileName}: OFD.xml 没有指明文档(DocRoot),文件不完整`, { file: fileName });
  const base = docRoot.includes('/') ? docRoot.slice(0, docRoot.lastIndexOf('/') + 1) : '';
  const document = entryText(zip, docRoot, fileName);
  const pages = [...document.matchAll(/<(?:ofd:)?Page\b[^>]*>/g)].map((match) => attribute(match[0], 'BaseLoc')).filter((loc): loc is string => loc !== null);
  if (pages.length > maxPages) throw new AppError('file_too_large', `${fileName}: OFD 共 ${pages.length} 页,超过上限 ${maxPages} 页`, { file: fileName, pages: pages.length });
  const fragments: Fragment[] = [];
  pages.forEach((location, index) => {
    const path = location.startsWith('/') ? location.slice(1) : `${base}${location}`;
    const content = entryText(zip, path, fileName);
    for (const object of content.matchAll(/<(?:ofd:)?TextObject\b([^>]*)>([\s\S]*?)<\/(?:ofd:)?TextObject>/g)) {
      const [left = 0, top = 0, width = 0, height = 0] = numbers(attribute(object[1]!, 'Boundary'));
      const size = Number(attribute(object[1]!, 'Size')) || height || 3.5;
      for (const code of object[2]!.matchAll(/<(?:ofd:)?TextCode\b([^>]*)>([^<]*)<\/(?:ofd:)?TextCode>/g)) {
        const x = Number(attribute(code[1]!, 'X') ?? 0);
        const y = Number(attribute(code[1]!, 'Y') ?? 0);
        const text = xmlText(code[2]!);
        const deltas = numbers(attribute(code[1]!, 'DeltaX')).filter((delta) => !Number.isNaN(delta));
        const advance = deltas.length > 0 ? deltas.reduce((total, delta) => total + delta, 0) + size : Math.max(width - x, size * text.length);
        fragments.push({ page: index + 1, x: left + x, top: top + y, size, width: advance, text });
      }
    }
  });
  return { text: layoutText(fragments), pages: pages.length };
}
