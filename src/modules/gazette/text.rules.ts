/** Pure rules for the small things every official text contains: numerals, dates, spacing. */

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
export const cjkClass = `[${CJK}]`;

const spaceBetweenCjk = new RegExp(`(?<=[${CJK}“”《》〈〉、,，。;；:：()（）〔〕])[ \\t]+(?=[${CJK}“”《》〈〉、,，。;；:：()（）〔〕])`, 'g');
const spaceAroundDigitsInCjk = new RegExp(`(?<=[${CJK}〔〕()（）])[ \\t]+(?=\\d)|(?<=\\d)[ \\t]+(?=[${CJK}〔〕()（）])`, 'g');

/**
 * The text without any whitespace, to compare or measure Chinese text whatever its layout (JavaScript's \s already
 * covers the ideographic space U+3000 and the no-break space U+00A0).
 */
export function squashSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Removes spaces a PDF or a typesetter put inside Chinese text ("关于 宋依佳", "2017 年 4 月"). */
export function collapseCjkSpaces(text: string): string {
  if (!/[ \t]/.test(text)) return text;
  return text.replace(spaceBetweenCjk, '').replace(spaceAroundDigitsInCjk, '').trim();
}

/** Full-width and variant brackets to the ASCII parentheses the rest of the text uses. */
export function normaliseParens(text: string): string {
  return text.replace(/[（]/g, '(').replace(/[）]/g, ')');
}

/** A title as it should be stored: unwrapped, without stray spaces, parentheses unified. */
export function cleanTitle(text: string): string {
  // A portal's metadata row ("标　　题：…") gives the title after its label.
  const title = collapseCjkSpaces(normaliseParens(text)).replace(/\s+/g, ' ').trim().replace(/^(标\s*题|名\s*称|主\s*题\s*词)\s*[:：]\s*/, '');
  // A reprint heads the page with the title in book-title marks: 《…的通知》.
  if (/^《[^《》]+》$/.test(title)) return title.slice(1, -1);
  // A title quoted inside 《》 (a 令's sentence "《…关于修改〈…〉的决定》已经…") marks the names it cites 〈〉: standing alone they are 《》.
  return title.includes('〈') && !title.includes('《') ? title.replace(/〈([^〈〉《》]+)〉/g, '《$1》') : title;
}

const digitValues: Record<string, number> = Object.fromEntries(
  [...'〇○零ＯO一二两三四五六七八九'].map((char, index) => [char, [0, 0, 0, 0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9][index]!]),
);

/** 一 … 九十九 … 一百二十 and digit strings; null when it is not a numeral. */
export function chineseNumberValue(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 0) return null;
  let total = 0;
  let current = 0;
  for (const char of text) {
    if (char in digitValues) {
      current = digitValues[char]!;
    } else if (char === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (char === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else {
      return null;
    }
  }
  return total + current;
}

/** Year written digit by digit: 二○一六 → 2016. */
function chineseYearValue(text: string): number | null {
  if (/^\d{4}$/.test(text)) return Number(text);
  if (text.length !== 4) return null;
  let year = 0;
  for (const char of text) {
    const value = digitValues[char];
    if (value === undefined) return null;
    year = year * 10 + value;
  }
  return year;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1949 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// The letter O (Latin or full-width) stands in for 〇 in many typed dates: 二OO六年.
const numeral = '[0-9〇○零ＯO一二三四五六七八九十]';
/** Source of a date pattern, for embedding in larger patterns. */
export const datePattern = `(${numeral}{4})\\s*年\\s*(${numeral}{1,3})\\s*月\\s*(${numeral}{1,3})\\s*日`;
const dateRegex = new RegExp(datePattern);
const isoRegex = /(\d{4})-(\d{1,2})-(\d{1,2})/;

/** First date in the text, as YYYY-MM-DD: 2016年7月9日, 2017 年 4 月 1 日, 二○二一年七月二日, 2021-07-02. */
export function findDate(text: string): string | null {
  const match = dateRegex.exec(text);
  if (match) {
    const year = chineseYearValue(match[1]!);
    const month = chineseNumberValue(match[2]!);
    const day = chineseNumberValue(match[3]!);
    if (year !== null && month !== null && day !== null) return isoDate(year, month, day);
  }
  const iso = isoRegex.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/** Parses one matched date (the groups of datePattern). */
export function dateFromParts(year: string, month: string, day: string): string | null {
  const y = chineseYearValue(year);
  const m = chineseNumberValue(month);
  const d = chineseNumberValue(day);
  return y === null || m === null || d === null ? null : isoDate(y, m, d);
}

export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** A line that is nothing but a date, possibly in parentheses: "(2016年7月9日)", "2021年6月15日". */
const dateOnlyRegex = new RegExp(`^[(（]?\\s*${datePattern}\\s*[)）]?$`);
export function dateOnlyLine(text: string): string | null {
  const match = dateOnlyRegex.exec(text.trim());
  return match ? dateFromParts(match[1]!, match[2]!, match[3]!) : null;
}

// "…的通知(2016年7月9日)", also doubled as some databases print it: "…的通知 ((1990年11月16日))".
const trailingDate = new RegExp(`^(.*?)\\s*[(（]{1,2}\\s*${datePattern}\\s*[)）]{1,2}\\s*$`);

/** A title line that ends with its date in brackets: the title and the date; null otherwise. */
export function titleAndDate(text: string): { title: string; date: string } | null {
  const match = trailingDate.exec(text);
  const date = match && match[1]!.length > 0 ? dateFromParts(match[2]!, match[3]!, match[4]!) : null;
  return date ? { title: match![1]!, date } : null;
}

const terminalPunctuation = /[。;；!！?？:：…]["”’」』)）]?$/;
export function endsSentence(text: string): boolean {
  return terminalPunctuation.test(text);
}

/** Splits a list of units: "区编办、区审改办" → ["区编办", "区审改办"]. */
export function splitUnits(text: string): string[] {
  return text
    .split(/[、,，;；]|\s{2,}/)
    .map((unit) => unit.trim().replace(/^(?:和|及)/, '').replace(/等$/, ''))
    .filter((unit) => unit.length > 0);
}
