import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBytes } from '../src/modules/gazette/index.ts';
import { readSeed, seedNames, testLimits } from '../test/support/corpus.ts';
import { random } from '../test/support/vary.ts';

/**
 * Documents for the search benchmark, made by recombining the seeds'
 * paragraphs under varied issuers, titles, numbers and dates, and written as
 * collections of official documents so they load through the real ingest.
 * Each document's text is kept for the exact substring scan (ground truth).
 */

export interface BenchDocument {
  docNumber: string;
  title: string;
  issuer: string;
  date: string;
  /** Everything a reader could search: title, number, addressees and paragraphs. */
  text: string;
}

const districts = ['静安', '长宁', '徐汇', '黄浦', '普陀', '虹口', '杨浦', '闵行', '宝山', '嘉定', '浦东新', '金山', '松江', '青浦', '奉贤', '崇明'];
const bodies = [
  { name: '人民政府', code: '府发' },
  { name: '人民政府办公室', code: '府办发' },
  { name: '审计局', code: '审规' },
  { name: '市场监督管理局', code: '市监规' },
  { name: '卫生健康委员会', code: '卫健发' },
  { name: '教育局', code: '教发' },
  { name: '财政局', code: '财发' },
  { name: '生态环境局', code: '环发' },
];
const subjects = [
  '政务公开工作要点', '公共数据管理办法', '行政协助管理办法', '审计整改工作实施意见', '托育服务三年行动计划', '危险化学品安全综合治理实施方案',
  '政府投资项目审计监督办法', '企业住所登记管理细则', '品牌建设实施意见', '无偿献血工作意见', '节能降碳工作方案', '一业一证改革试点实施办法',
  '医疗卫生行业综合监管制度实施方案', '未成年人保护工作方案', '政府效能建设实施意见', '质量提升和知识产权运用实施办法', '行政执法三化建设方案',
  '经济普查工作通知', '合格学校建设实施方案', '数字化城市管理工作方案',
];
const forms = [
  (issuer: string, subject: string, year: number) => `${issuer}关于印发《${year}年${subject}》的通知`,
  (issuer: string, subject: string) => `${issuer}关于印发《${subject}》的通知`,
  (issuer: string, subject: string) => `${issuer}关于转发《${subject}》的通知`,
  (issuer: string, subject: string) => `${issuer}关于进一步做好${subject.replace(/(实施意见|实施方案|工作方案|实施办法|管理办法|细则|意见|通知|计划|要点)$/, '')}工作的意见`,
];

export function paragraphPool(): string[] {
  const pool = new Set<string>();
  for (const name of seedNames) {
    for (const document of parseBytes(readSeed(name), { fileName: name, limits: testLimits }).documents) {
      for (const block of document.blocks) {
        if ((block.kind === 'paragraph' || block.kind === 'article') && block.text.length >= 30 && block.text.endsWith('。')) pool.add(block.text);
      }
    }
  }
  return [...pool];
}

/** Writes `count` documents, `perFile` to a file, into `dir`; returns them. */
export function writeSearchCorpus(dir: string, count: number, perFile = 100): BenchDocument[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pool = paragraphPool();
  const next = random(20261122);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const serials = new Map<string, number>();
  const documents: BenchDocument[] = [];
  let file: string[] = [];
  const flush = () => {
    if (file.length === 0) return;
    writeFileSync(join(dir, `collection-${String(documents.length).padStart(7, '0')}.txt`), file.join('\n'));
    file = [];
  };
  for (let i = 0; i < count; i++) {
    const district = pick(districts);
    const body = pick(bodies);
    const issuer = `上海市${district}区${body.name}`;
    const year = 2010 + Math.floor(next() * 17);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const prefix = `${district[0]}${body.code}`;
    const key = `${prefix}${year}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    const docNumber = `${prefix}〔${year}〕${serial}号`;
    const title = pick(forms)(issuer, pick(subjects), year);
    const paragraphs = Array.from({ length: 4 + Math.floor(next() * 9) }, () => pick(pool));
    if (next() < 0.5) paragraphs.push(`本办法自${year}年${month}月${day}日起施行,有效期至${year + 1 + Math.floor(next() * 6)}年12月31日。`);
    const lines = [title, `(${year}年${month}月${day}日)`, docNumber, '各区人民政府,市政府各委、办、局:', ...paragraphs, ''];
    file.push(...lines);
    documents.push({ docNumber, title, issuer, date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, text: lines.join('\n') });
    if (file.length > 0 && (i + 1) % perFile === 0) flush();
  }
  flush();
  return documents;
}
