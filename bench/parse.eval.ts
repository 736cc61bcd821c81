/**
 * npm run eval:parse — how well the parser reads real documents from outside the seeds.
 *
 * For every test/fixtures/real/expected/<id>.json (written by reading the document, never
 * from the parser's output) it parses the document with the same entry as
 * `gongkai parse FILE --json` and compares title, docNumber, issuer, date and type.
 * Prints accuracy per field and per format (all documents, the held-out third listed
 * in baseline.json, and each sealed set — `fresh`, `fresh2`, …: documents whose expectations were
 * committed before the parser was ever run on them — separately) and every miss (file, field, expected, got).
 *
 * The documents themselves are read from GONGKAI_REAL_CORPUS when set, otherwise from
 * test/fixtures/real/. A document that is missing, or of a format the parser cannot read
 * yet, counts as a miss on every field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDocumentFile, type ParsedDocument } from '../src/modules/gazette/index.ts';

export const realDir = fileURLToPath(new URL('../test/fixtures/real/', import.meta.url));
export const fields = ['title', 'docNumber', 'issuer', 'date', 'type'] as const;
export type Field = (typeof fields)[number];

const limits = { maxFileBytes: 50 * 1024 * 1024, maxLineChars: 1_000_000 };

interface ExpectedDocument {
  title: string;
  doc_number: string | null;
  issuer: string | null;
  date: string | null;
  type: string | null;
}
interface ExpectedFile {
  file: string;
  kind: string;
  format: string;
  level: string;
  source: string;
  documents: ExpectedDocument[];
}
export interface Baseline {
  heldOut: string[];
  /** Documents added after the rules were written, never looked at before measuring (also in heldOut). */
  fresh?: string[];
  /** A second such set, sealed after `fresh` had been used to change the parser (also in heldOut). */
  fresh2?: string[];
  accuracy: Record<string, Partial<Record<Field, number>>>;
}
export interface Miss {
  file: string;
  field: Field | 'file';
  expected: string | null;
  got: string | null;
}
export interface Tally {
  documents: number;
  right: Record<Field, number>;
}
export interface Evaluation {
  documentsDir: string;
  present: number;
  expected: number;
  byFormat: Record<string, Tally>;
  heldOutByFormat: Record<string, Tally>;
  /** Per named list of baseline.json (fresh, fresh2, …; see namedLists), tallies by format. */
  listsByFormat: Record<string, Record<string, Tally>>;
  misses: Miss[];
}

export function documentsDir(): string {
  return process.env.GONGKAI_REAL_CORPUS ?? realDir;
}

export function readBaseline(): Baseline {
  return JSON.parse(readFileSync(join(realDir, 'baseline.json'), 'utf8')) as Baseline;
}

/** Every list of file names in baseline.json other than heldOut (fresh, fresh2, …), in file order. */
export function namedLists(baseline: Baseline = readBaseline()): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(baseline)) if (name !== 'heldOut' && Array.isArray(value)) lists[name] = value as string[];
  return lists;
}

const listTitles: Record<string, string> = {
  fresh: 'fresh set (never looked at before measuring, 2026-11-29)',
  fresh2: 'second fresh set (sealed 2026-11-29; rules were then written from its misses)',
  fresh3: 'third fresh set (sealed 2026-11-29; rules were then written from its misses)',
  fresh4: 'fourth fresh set (sealed 2026-11-29; rules were then written from its misses, h/parser5)',
  fresh5: 'fifth fresh set (sealed 2026-11-29, measured first on the parser of h/parser5; rules were then written from its misses, h/parser6)',
  fresh6: 'sixth fresh set (sealed 2026-11-29, measured first on the parser of h/parser6; rules were then written from its misses, h/parser7)',
};

function readExpected(): ExpectedFile[] {
  const dir = join(realDir, 'expected');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ExpectedFile);
}

/** Like the seed expectations (test/gazette/expected.test.ts): only whitespace and bracket style are normalised; characters are compared as printed. */
const clean = (value: string | null | undefined) =>
  value == null
    ? null
    : value
        .replace(/\s+/g, '')
        .replace(/（/g, '(')
        .replace(/）/g, ')')
        .replace(/[﹝\[【]/g, '〔')
        .replace(/[﹞\]】]/g, '〕') || null;

function expectedValue(document: ExpectedDocument, field: Field): string | null {
  return field === 'docNumber' ? document.doc_number : document[field];
}

/** The parsed document that stands for the expected one: same title if any, else the first. */
function counterpart(parsed: ParsedDocument[], expected: ExpectedDocument): ParsedDocument | undefined {
  return parsed.find((document) => clean(document.title) === clean(expected.title)) ?? parsed[0];
}

const emptyTally = (): Tally => ({ documents: 0, right: { title: 0, docNumber: 0, issuer: 0, date: 0, type: 0 } });

export async function evaluate(
  dir = documentsDir(),
  heldOut = new Set(readBaseline().heldOut),
  lists: Record<string, string[]> = namedLists(),
): Promise<Evaluation> {
  const result: Evaluation = { documentsDir: dir, present: 0, expected: 0, byFormat: {}, heldOutByFormat: {}, listsByFormat: {}, misses: [] };
  const members = Object.entries(lists).map(([name, files]) => [name, new Set(files)] as const);
  for (const [name] of members) result.listsByFormat[name] = {};
  for (const file of readExpected()) {
    const path = join(dir, file.file);
    const present = existsSync(path);
    if (present) result.present += 1;
    let parsed: ParsedDocument[] = [];
    if (!present) result.misses.push({ file: file.file, field: 'file', expected: path, got: null });
    else {
      try {
        parsed = (await readDocumentFile(readFileSync(path), { fileName: file.file, limits })).documents;
      } catch (error) {
        // A format the parser cannot read yet (pdf, docx, ofd before the formats work lands): every field a miss.
        result.misses.push({ file: file.file, field: 'file', expected: 'readable', got: error instanceof Error ? error.message : String(error) });
      }
    }
    for (const expected of file.documents) {
      result.expected += 1;
      const tallies = [(result.byFormat[file.format] ??= emptyTally())];
      if (heldOut.has(file.file)) tallies.push((result.heldOutByFormat[file.format] ??= emptyTally()));
      for (const [name, files] of members) if (files.has(file.file)) tallies.push(((result.listsByFormat[name] ??= {})[file.format] ??= emptyTally()));
      for (const tally of tallies) tally.documents += 1;
      const got = counterpart(parsed, expected);
      for (const field of fields) {
        const want = clean(expectedValue(expected, field));
        const have = clean(got ? (got[field] as string | null) : null);
        if (want === have) for (const tally of tallies) tally.right[field] += 1;
        else if (present) result.misses.push({ file: file.file, field, expected: want, got: have });
      }
    }
  }
  return result;
}

export function accuracy(tally: Tally): Record<Field, number> {
  const out = {} as Record<Field, number>;
  for (const field of fields) out[field] = tally.documents === 0 ? 0 : tally.right[field] / tally.documents;
  return out;
}

function table(title: string, byFormat: Record<string, Tally>): string[] {
  const lines = [title, `format    docs  ${fields.map((field) => field.padStart(9)).join(' ')}`];
  const all = emptyTally();
  for (const [format, tally] of Object.entries(byFormat).sort()) {
    all.documents += tally.documents;
    for (const field of fields) all.right[field] += tally.right[field];
    lines.push(row(format, tally));
  }
  lines.push(row('all', all));
  return lines;
}

function row(label: string, tally: Tally): string {
  const rates = accuracy(tally);
  return `${label.padEnd(8)} ${String(tally.documents).padStart(5)}  ${fields.map((field) => `${(rates[field] * 100).toFixed(1)}%`.padStart(9)).join(' ')}`;
}

async function main(): Promise<void> {
  const result = await evaluate();
  const out = [
    `documents: ${result.present} of ${result.expected} present in ${result.documentsDir}`,
    '',
    ...table('accuracy, all documents', result.byFormat),
    '',
    ...table('accuracy, held-out third (not looked at while tuning)', result.heldOutByFormat),
    '',
    ...Object.entries(result.listsByFormat).flatMap(([name, byFormat]) => [...table(`accuracy, ${listTitles[name] ?? `list ${name}`}`, byFormat), '']),
    `misses (${result.misses.length}):`,
    ...result.misses.map((miss) => `  ${miss.file}  ${miss.field}  expected ${JSON.stringify(miss.expected)}  got ${JSON.stringify(miss.got)}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  // The ratchet: fewer than 40 documents present, or any field of any format below its recorded floor, fails the run.
  const problems = belowBaseline(result);
  if (result.present < 40) problems.unshift(`only ${result.present} of ${result.expected} documents in ${result.documentsDir} (see test/fixtures/real/README.md)`);
  if (problems.length > 0) {
    process.stderr.write(`\nbelow the baseline:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

/** Every format and field whose accuracy fell below test/fixtures/real/baseline.json. */
export function belowBaseline(result: Evaluation, baseline = readBaseline()): string[] {
  const problems: string[] = [];
  for (const [format, floor] of Object.entries(baseline.accuracy)) {
    const tally = result.byFormat[format];
    if (!tally) {
      problems.push(`no ${format} documents measured`);
      continue;
    }
    const rates = accuracy(tally);
    for (const field of fields) if (rates[field] + 1e-9 < (floor[field] ?? 0)) problems.push(`${format} ${field}: ${rates[field].toFixed(3)} < ${floor[field]}`);
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
