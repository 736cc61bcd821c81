import { emptyMetadata, labelOf, setField, type PageMetadata } from './metadata.rules.ts';

/**
 * A document exported to Markdown by a policy library or a scraper: a front matter block (`---`, `标题: …`,
 * `文号: …`, `发布单位: …`, `发布日期: …`, `---`) holding the page's metadata, then the text with Markdown
 * markup: `#` headings, the exporter's notes as a blockquote before the text, `**bold**`, `[text](link)`.
 * The front matter is read like a portal's metadata block; the text goes to the parser without the markup.
 */
export interface MarkdownText {
  text: string;
  metadata: PageMetadata;
}

const fence = /^---\s*$/;
const keyValue = /^([^:：]{1,12})[:：][ \t]*(.*)$/;
const maxFrontMatter = 40;

/** Null unless the text opens with a front matter block naming at least two metadata keys. */
export function readMarkdown(text: string): MarkdownText | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!fence.test(lines[0] ?? '')) return null;
  const end = lines.findIndex((line, at) => at > 0 && at <= maxFrontMatter && fence.test(line));
  if (end < 0) return null;
  const metadata = emptyMetadata();
  let known = 0;
  for (const line of lines.slice(1, end)) {
    const match = keyValue.exec(line.trim());
    const field = match ? labelOf(match[1]!) : null;
    if (!field) continue;
    setField(metadata, field, match![2]!.replace(/^["']|["']$/g, ''));
    known++;
  }
  if (known < 2) return null;
  return { text: withoutMarkup(lines.slice(end + 1)).join('\n'), metadata };
}

function withoutMarkup(lines: string[]): string[] {
  const firstText = lines.findIndex((line) => line.trim() !== '' && !/^\s*>/.test(line));
  // The exporter's notes (source, licence) are a blockquote before the text: not the document's.
  return lines
    .slice(Math.max(firstText, 0))
    .map((line) =>
      line
        .replace(/^\s*#{1,6}\s+/, '')
        .replace(/^\s*>\s?/, '')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1'),
    );
}
