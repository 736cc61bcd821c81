/**
 * Near spellings of a word, found in the library's titles: the same word with
 * one character different, one missing or one too many (edit distance one).
 * Titles are where a reader's words come from (they search for what a title
 * says), and a pattern over them needs no dictionary and no pinyin.
 */

const chinese = /^[\u4e00-\u9fff]+$/;

/** Only runs of Chinese characters are tried, long enough for a change of one to leave a word. */
export function spellable(word: string): boolean {
  return chinese.test(word) && word.length >= 3 && word.length <= 12;
}

/** The variants of `word` at edit distance one, as alternatives of one regular expression (characters are all CJK: no escaping needed). */
export function nearPattern(word: string): string {
  const chars = [...word];
  const variants = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    variants.add([...chars.slice(0, i), '[^\\s,。、;:()《》]', ...chars.slice(i + 1)].join('')); // one different
    variants.add([...chars.slice(0, i), ...chars.slice(i + 1)].join('')); // one missing
  }
  for (let i = 1; i < chars.length; i++) variants.add([...chars.slice(0, i), '[^\\s,。、;:()《》]', ...chars.slice(i)].join('')); // one too many
  return [...variants].join('|');
}

/** The distinct words the pattern finds in the titles, the most frequent first, the word itself left out. */
export function nearWords(word: string, titles: string[], limit: number): string[] {
  const pattern = new RegExp(nearPattern(word), 'g');
  const seen = new Map<string, number>();
  for (const title of titles) {
    for (const match of title.matchAll(pattern)) {
      if (match[0] !== word && chinese.test(match[0]) && match[0].length >= 2) seen.set(match[0], (seen.get(match[0]) ?? 0) + 1);
    }
  }
  return [...seen.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).slice(0, limit).map(([text]) => text);
}
