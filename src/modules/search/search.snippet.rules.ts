import { normaliseForSearch } from '../textindex/index.ts';

/**
 * The passage shown under a result: the first place the text contains one of
 * the query's words, with every occurrence in it marked. Matching is on the
 * normalised text (simplified, lower case), which keeps character positions.
 */
export function buildSnippet(text: string, needles: string[], width = 120): { snippet: string; highlights: [number, number][] } {
  const plain = text.replace(/\s+/g, ' ').trim();
  const haystack = normaliseForSearch(plain);
  const words = [...new Set(needles.map(normaliseForSearch).filter((needle) => needle.length > 0))].sort((a, b) => b.length - a.length);
  let first = -1;
  for (const word of words) {
    const at = haystack.indexOf(word);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  const start = first <= 0 ? 0 : Math.max(0, first - Math.floor(width / 4));
  const end = Math.min(plain.length, start + width);
  const snippet = `${start > 0 ? '…' : ''}${plain.slice(start, end)}${end < plain.length ? '…' : ''}`;
  const shift = start > 0 ? 1 : 0;
  const window = haystack.slice(start, end);
  const highlights: [number, number][] = [];
  for (const word of words) {
    for (let at = window.indexOf(word); at !== -1; at = window.indexOf(word, at + word.length)) {
      const range: [number, number] = [at + shift, at + shift + word.length];
      if (!highlights.some(([a, b]) => range[0] < b && a < range[1])) highlights.push(range);
    }
  }
  return { snippet, highlights: highlights.sort((a, b) => a[0] - b[0]) };
}
