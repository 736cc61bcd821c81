import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { foldText } from '../gazette/index.ts';
import { dictionaryLines, domainTerms } from './textindex.dictionary.ts';

/**
 * Chinese segmentation for the index and for queries, with one dictionary for
 * both. HMM guessing is off: an unknown name is split into characters the same
 * way in a document and in a query, so the two always line up.
 */

export interface Token {
  text: string;
  /** 0-based offset of the token's first character in the text it came from. */
  offset: number;
}

export interface Tokenizer {
  tokens(text: string): Token[];
  learn(terms: readonly string[]): void;
}

const wordlike = /[\p{L}\p{N}]/u;
const cjkOnly = /^[\u4e00-\u9fff]+$/;

/** Text as both the index and the queries see it: simplified characters, lower case, half-width ASCII. */
export function normaliseForSearch(text: string): string {
  return foldText(text)
    .replace(/[\uff01-\uff5e]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .toLowerCase();
}

export function createTokenizer(extraTerms: readonly string[] = []): Tokenizer {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(dictionaryLines(domainTerms)));
  if (extraTerms.length > 0) jieba.loadDict(Buffer.from(dictionaryLines(extraTerms)));
  return {
    tokens(text) {
      const normalised = normaliseForSearch(text);
      const out: Token[] = [];
      let offset = 0;
      for (const word of jieba.cut(normalised, false)) {
        if (wordlike.test(word)) out.push({ text: word, offset });
        offset += word.length;
      }
      return out;
    },
    learn(terms) {
      if (terms.length > 0) jieba.loadDict(Buffer.from(dictionaryLines(terms)));
    },
  };
}

/** Terms worth teaching the segmenter: issuers and issued titles made only of Chinese characters. */
export function harvestableTerms(candidates: (string | null)[]): string[] {
  const terms = new Set<string>();
  for (const candidate of candidates) {
    if (candidate && candidate.length >= 4 && candidate.length <= 24 && cjkOnly.test(candidate)) terms.add(normaliseForSearch(candidate));
  }
  return [...terms];
}
