import { normaliseForSearch, type Token, type Tokenizer } from './textindex.tokenizer.ts';
import { characterGrams, numberLexeme, quoteLexeme } from './textindex.vector.rules.ts';

/**
 * What a person typed, read as a search: "quoted phrases" that must appear as
 * written, document numbers however they were typed (沪府发〔2017〕17号,
 * 沪府发[2017]17号, 沪府发(2017)17号, 沪府发2017 17号, 沪府发〔2017〕17), and
 * words. Anything else — tsquery or SQL syntax, emoji, control characters — is
 * only text. Long input is cut, so a query costs a bounded amount of work.
 */

export const maxQueryChars = 200;
const maxTokens = 24;

export interface NumberQuery {
  prefix: string;
  year: number;
  serial: number | null;
}

export interface ParsedQuery {
  numbers: NumberQuery[];
  /** Quoted: the words in this order, adjacent. */
  phrases: Token[][];
  /** Unquoted runs: all their words must appear; in order and adjacent ranks higher. */
  chunks: Token[][];
}

const quoted = /["“”「」『』]([^"“”「」『』]{1,100})["“”「」『』]/g;
const looseNumber =
  /([\u4e00-\u9fff]{1,8})\s*(?:[〔﹝\[(（【]\s*((?:19|20)\d{2})\s*[〕﹞\])）】]\s*(?:第\s*)?(\d{1,5})?|((?:19|20)\d{2})\s+(?:第\s*)?(\d{1,5}))\s*号?/g;

export function parseQuery(input: string, tokenizer: Tokenizer): ParsedQuery {
  let text = input.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, maxQueryChars);
  const numbers: NumberQuery[] = [];
  text = normaliseForSearch(text).replace(looseNumber, (_, prefix: string, bracketYear?: string, bracketSerial?: string, bareYear?: string, bareSerial?: string) => {
    const serial = bracketSerial ?? bareSerial;
    numbers.push({ prefix, year: Number(bracketYear ?? bareYear), serial: serial ? Number(serial) : null });
    return ' ';
  });
  const phrases: Token[][] = [];
  text = text.replace(quoted, (_, inner: string) => {
    phrases.push(joinLoneCharacters(tokenizer.tokens(inner)));
    return ' ';
  });
  const chunks = text
    .split(/\s+/)
    .filter(Boolean)
    .map((chunk) => joinLoneCharacters(tokenizer.tokens(chunk)))
    .filter((tokens) => tokens.length > 0);
  let budget = maxTokens;
  const cap = (groups: Token[][]) =>
    groups
      .map((tokens) => {
        const kept = tokens.slice(0, Math.max(budget, 0));
        budget -= kept.length;
        return kept;
      })
      .filter((tokens) => tokens.length > 0);
  return { numbers: numbers.slice(0, 4), phrases: cap(phrases.filter((p) => p.length > 0)), chunks: cap(chunks) };
}

const isChinese = (text: string) => /^[\u4e00-\u9fff]+$/.test(text);
const isLoneCharacter = (token: Token) => token.text.length === 1 && isChinese(token.text);

/**
 * Adjacent lone characters are one word the segmenter did not know (托育 cut
 * as 托 / 育): searched as the characters together, as they were typed, not as
 * characters found anywhere in a document.
 */
export function joinLoneCharacters(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let joining = false;
  for (const token of tokens) {
    const last = out.at(-1);
    if (last && joining && isLoneCharacter(token) && last.offset + last.text.length === token.offset) {
      out[out.length - 1] = { text: last.text + token.text, offset: last.offset };
    } else {
      out.push(token);
      joining = isLoneCharacter(token);
    }
  }
  return out;
}

export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.numbers.length === 0 && query.phrases.length === 0 && query.chunks.length === 0;
}

const lexeme = (text: string, weight: string) => `${quoteLexeme(text)}${weight ? `:${weight}` : ''}`;

/** One word as a chain of its character bigrams (a lone character: any bigram it starts, or itself). */
function wordQuery(token: Token, weight: string): string {
  if (!isChinese(token.text)) return lexeme(token.text, weight);
  if (token.text.length === 1) return `(${lexeme(token.text, weight)} | ${quoteLexeme(token.text)}:*${weight})`;
  const grams = [...characterGrams(token.text)].map((gram) => lexeme(gram.text, weight));
  return grams.length === 1 ? grams[0]! : `(${grams.join(' <1> ')})`;
}

/** Where a word's query ends: a chain ends at its last bigram. */
const endOf = (token: Token) => token.offset + (isChinese(token.text) && token.text.length > 1 ? token.text.length - 2 : 0);

/** Words in order and adjacent: each chain starts where the text after the previous word starts. */
export function phraseQuery(tokens: Token[], weight = ''): string {
  let out = wordQuery(tokens[0]!, weight);
  for (let i = 1; i < tokens.length; i++) {
    const previous = tokens[i - 1]!;
    const current = tokens[i]!;
    // Adjacent Chinese words share a bigram across their boundary: chain through it. (A lone
    // character's query already stands for the bigram it starts.)
    const joint = previous.text.length >= 2 && isChinese(previous.text) && isChinese(current.text) && previous.offset + previous.text.length === current.offset
      ? `${lexeme(previous.text.slice(-1) + current.text[0], weight)} <1> `
      : '';
    const distance = current.offset - endOf(previous) - (joint ? 1 : 0);
    out = `${out} <${joint ? 1 : distance}> ${joint}${wordQuery(current, weight)}`;
  }
  return tokens.length > 1 ? `(${out})` : out;
}

/**
 * One word, matched with operators the GIN index answers exactly (no
 * positions): a long word as its segmenter word or all of its bigrams, a
 * two-character word as its one bigram, a lone character as a prefix.
 */
function exactWordQuery(token: Token): string {
  if (!isChinese(token.text)) return lexeme(token.text, '');
  if (token.text.length === 1) return `${quoteLexeme(token.text)}:*`;
  const grams = [...characterGrams(token.text)].map((gram) => quoteLexeme(gram.text));
  return grams.length === 1 ? grams[0]! : `(${quoteLexeme(token.text)} | (${grams.join(' & ')}))`;
}

export function allWordsQuery(tokens: Token[]): string {
  return tokens.map(exactWordQuery).join(' & ');
}

export function numberQuery(number: NumberQuery, weight = ''): string | null {
  return number.serial === null ? null : lexeme(numberLexeme(`${number.prefix}〔${number.year}〕${number.serial}号`), weight);
}

const and = (parts: string[]) => (parts.length === 0 ? null : parts.map((part) => `(${part})`).join(' & '));

/**
 * What a document must match, with operators the GIN index answers exactly,
 * except for a quoted phrase: its words first (exact), then their positions.
 * Asked of the title vector, the same query says "all of it in the title".
 */
export function matchQuery(query: ParsedQuery): string | null {
  return and([...query.phrases.flatMap((p) => [allWordsQuery(p), phraseQuery(p)]), ...query.chunks.map(allWordsQuery)]);
}
