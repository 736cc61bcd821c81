import { findDocNumbers, foldText } from '../gazette/index.ts';
import { normaliseForSearch, type Tokenizer } from './textindex.tokenizer.ts';

/**
 * tsvector values written as literals, so that PGlite and PostgreSQL index
 * exactly the lexemes we give them, whatever their locale. Positions are
 * character offsets. Three kinds of lexeme:
 *  - every pair of adjacent Chinese characters (a lone character stands as
 *    itself): a run of text becomes a chain of bigrams one position apart, so
 *    a phrase is found exactly where it occurs, however anything was segmented;
 *  - the words of the domain segmenter (two characters or more, and ASCII or
 *    number words), so that a whole-word match can rank first;
 *  - document numbers, one normalised lexeme however they were printed.
 * Fields (A: title, number, issued title; B: issuer, section, annexes; C: text)
 * follow each other with a gap.
 */

export type Weight = 'A' | 'B' | 'C';

export interface SearchFields {
  a: string[];
  b: string[];
  c: string[];
}

const maxPosition = 16383;
const fieldGap = 100;
const cjkRun = /[\u4e00-\u9fff]+/g;

export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The lexeme a document number is indexed and searched as, however it was printed. */
export function numberLexeme(printed: string): string {
  // Folded: 國辦函〔2000〕19號 is found as 国办函〔2000〕19号; the stored number stays as printed.
  const normalised = foldText(printed);
  const match = /^(.*)〔(\d{4})〕(\d+)号$/.exec(normalised);
  return match ? `文号:${match[1]}${match[2]}-${match[3]}` : `文号:${normalised}`;
}

/** Bigrams of each Chinese run at their offsets; a run of one character is a unigram. */
export function* characterGrams(text: string): Generator<{ text: string; offset: number }> {
  cjkRun.lastIndex = 0;
  for (const run of text.matchAll(cjkRun)) {
    const chars = run[0];
    if (chars.length === 1) yield { text: chars, offset: run.index };
    for (let i = 0; i + 2 <= chars.length; i++) yield { text: chars.slice(i, i + 2), offset: run.index + i };
  }
}

export function buildVector(tokenizer: Tokenizer, fields: SearchFields): string {
  const positions = new Map<string, string[]>();
  const add = (lexeme: string, position: number, weight: Weight) => {
    const list = positions.get(lexeme) ?? [];
    if (list.length < 256) list.push(`${Math.min(Math.max(position, 1), maxPosition)}${weight === 'C' ? '' : weight}`);
    positions.set(lexeme, list);
  };
  let base = 1;
  for (const [weight, texts] of [['A', fields.a], ['B', fields.b], ['C', fields.c]] as const) {
    for (const text of texts) {
      const normalised = normaliseForSearch(text);
      for (const gram of characterGrams(normalised)) add(gram.text, base + gram.offset, weight);
      for (const token of tokenizer.tokens(normalised)) {
        if (token.text.length >= 2 && !(token.text.length === 2 && /^[\u4e00-\u9fff]+$/.test(token.text))) add(token.text, base + token.offset, weight);
      }
      for (const number of findDocNumbers(text)) add(numberLexeme(number.normalised), base, weight);
      base += text.length + fieldGap;
    }
  }
  return [...positions.entries()].map(([lexeme, list]) => `${quoteLexeme(lexeme)}:${list.join(',')}`).join(' ');
}

/** What of a document is searched, and how much it weighs: the one definition for ingest and reindex. */
export interface Searchable {
  title: string;
  docNumber: string | null;
  attachment: string | null;
  issuer: string | null;
  section: string | null;
  annexes: string[];
  bodyText: string;
}

/** The title fields alone, as a small vector of their own (title matches are asked of it). */
export function buildTitleVector(tokenizer: Tokenizer, fields: SearchFields): string {
  return buildVector(tokenizer, { a: fields.a, b: [], c: [] });
}

export function searchFieldsOf(document: Searchable): SearchFields {
  return {
    a: [document.title, document.docNumber ?? '', document.attachment ?? ''].filter(Boolean),
    b: [document.issuer ?? '', document.section ?? '', ...document.annexes].filter(Boolean),
    c: [document.bodyText],
  };
}
