/**
 * Makes distinct, realistic documents from the seeds, for tests that need
 * many files and for the benchmarks: other districts, years and serial
 * numbers, and the long paragraphs of each document in another order.
 */
const districts = ['静', '长', '徐', '黄', '普', '虹', '杨', '闵', '宝', '嘉', '浦', '金', '松', '青', '奉', '崇'];
const districtNames = ['静安', '长宁', '徐汇', '黄浦', '普陀', '虹口', '杨浦', '闵行', '宝山', '嘉定', '浦东', '金山', '松江', '青浦', '奉贤', '崇明'];

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export function varySeed(text: string, variant: number): string {
  const district = variant % districts.length;
  const yearShift = Math.floor(variant / districts.length) % 20;
  const serialShift = Math.floor(variant / (districts.length * 20)) * 50;
  const next = random(variant + 7);
  let out = text
    .replace(/(静安|长宁)(?=区)/g, districtNames[district]!)
    .replace(/(^|[^\u4e00-\u9fff])(静|长|沪)(府|审|市监|工商)/gm, (_, lead: string, _d: string, rest: string) => `${lead}${districts[district]}${rest}`)
    .replace(/(20[0-2]\d)(\s*)(年|〔|\]|﹝|[((]|\s\d)/g, (_, year: string, space: string, after: string) => `${Number(year) + yearShift}${space}${after}`)
    .replace(/([〕\]﹞)])(\s*)(\d{1,4})(\s*号)/g, (_, close: string, space: string, serial: string, tail: string) => `${close}${space}${Number(serial) + serialShift}${tail}`)
    .replace(/第(\d+)期/, (_, issue: string) => `第${Number(issue) + variant}期`);
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
