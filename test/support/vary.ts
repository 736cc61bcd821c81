import { chineseNumberValue } from '../../src/modules/gazette/text.rules.ts';

/**
 * Makes distinct, realistic documents from the seeds, for tests that need
 * many files and for the benchmarks: other districts, years, issue and
 * serial numbers — every variant's document numbers and gazette issues are
 * its own — and the long paragraphs of each document in another order.
 */
const districtNames = ['静安', '长宁', '徐汇', '黄浦', '普陀', '虹口', '杨浦', '闵行', '宝山', '嘉定', '浦东', '金山', '松江', '青浦', '奉贤', '崇明'];
const yearsPerCycle = 30;

/** A small seeded generator (xorshift32): the same documents on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export function varySeed(text: string, variant: number): string {
  const yearShift = variant % yearsPerCycle;
  const cycle = Math.floor(variant / yearsPerCycle);
  const shiftYear = (year: string) => String(Number(year) + yearShift);
  const next = random(variant + 7);
  let out = text
    .replace(/(静安|长宁)(?=区)/g, districtNames[variant % districtNames.length]!)
    // Document numbers, bracketed or bare: a year of this variant and a serial of this cycle.
    .replace(/([〔﹝\[(（【])(\s*)(20\d\d)(\s*)([〕﹞\])）】])(\s*)(\d{1,4})(\s*号)/g,
      (_, open: string, s1: string, year: string, s2: string, close: string, s3: string, serial: string, tail: string) =>
        `${open}${s1}${shiftYear(year)}${s2}${close}${s3}${Number(serial) + cycle * 1000}${tail}`)
    .replace(/(20\d\d)(\s+)(\d{1,4})(\s*号)/g, (_, year: string, space: string, serial: string, tail: string) =>
      `${shiftYear(year)}${space}${Number(serial) + cycle * 1000}${tail}`)
    // Dates and issue years.
    .replace(/(20[0-2]\d)(\s*)(年|-\d)/g, (_, year: string, space: string, after: string) => `${shiftYear(year)}${space}${after}`)
    // Gazette issues: a number of this cycle, wherever the issue is printed.
    .replace(/第([一二三四五六七八九十]{1,3}|\d{1,3})期/g, (_, number: string) => `第${(chineseNumberValue(number) ?? 0) + cycle * 12}期`);
  // Reorder runs of long paragraphs, leaving headings, titles and tables where they are.
  const lines = out.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j < lines.length && lines[j]!.length > 80 && lines[j]!.endsWith('。')) j++;
    if (j - i > 1) {
      const run = lines.slice(i, j);
      for (let k = run.length - 1; k > 0; k--) {
        const r = Math.floor(next() * (k + 1));
        [run[k], run[r]] = [run[r]!, run[k]!];
      }
      lines.splice(i, run.length, ...run);
    }
    i = Math.max(i, j);
  }
  out = lines.join('\n');
  return out;
}
