import type { Actor } from '../../core/audit/audit.ts';
import { recordAudit } from '../../core/audit/audit.ts';
import type { Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import type { Agency } from '../agencies/index.ts';
import { resourceForm, type ResourceInput } from './catalogue.actions.ts';
import * as repository from './catalogue.repository.ts';
import { changesOf, entryOf, restrictionsOf } from './catalogue.rules.ts';
import { columnOfHeader, describeProblem, providerHeader, templateColumns, type Sheet, type SheetProblem } from './catalogue.template.ts';
import { openAttributes, sharingAttributes, updateFrequencies, type ResourceEntry } from './catalogue.types.ts';
import { saveVersion } from './catalogue.versions.ts';

export interface ImportSummary {
  agencyName: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** A choice is written as its Chinese label in the sheet (its code is accepted too). */
const choiceTables: Record<string, Record<string, string>> = { sharing: sharingAttributes, open: openAttributes, updateFrequency: updateFrequencies };
function choiceCode(field: string, text: string): string {
  const table = choiceTables[field];
  if (!table) return text;
  const found = Object.entries(table).find(([code, label]) => label === text || code === text);
  return found ? found[0] : text;
}

/**
 * Checks every row of a template against the entry form and Art. 14, and
 * only when no row has a problem writes them all (in the caller's
 * transaction): each new or changed resource as a version with its audit
 * event. A row that would make an attribute stricter is refused here: that
 * change needs a reason and a second member of staff (the console).
 */
export async function importRows(tx: Queryable, sheet: Sheet, agency: Agency, actor: Actor): Promise<ImportSummary> {
  const problems: SheetProblem[] = [...sheet.problems];
  const at = (row: number, field: string, message: string) => {
    const header = field === 'provider' ? providerHeader : (resourceForm[field as keyof typeof resourceForm]?.label ?? null);
    const column = header ? columnOfHeader(sheet.headers, header) : null;
    problems.push({ row, column, header: column ? header : null, message });
  };
  const existing = new Map((await repository.readResourcesOfAgency(tx, agency.id, { lock: true })).map((resource) => [resource.name, resource]));
  const seen = new Map<string, number>();
  const entries: { row: number; entry: ResourceEntry }[] = [];
  const schema = formSchema(resourceForm);
  for (const { row, cells } of sheet.rows) {
    const values: Record<string, string> = {};
    for (const column of templateColumns) {
      const text = cells[column.header];
      if (column.field === 'provider') {
        if (text && text !== agency.name && !agency.aliases.includes(text)) at(row, 'provider', `提供单位应为“${agency.name}”,不能导入其他单位的数据资源`);
        else if (!text) at(row, 'provider', `请填写${providerHeader}`);
      } else if (text) values[column.field] = choiceCode(column.field, text);
    }
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) at(row, String(issue.path[0] ?? ''), issue.message);
      continue;
    }
    const { entry, problems: entryProblems } = entryOf(parsed.data as ResourceInput);
    for (const problem of entryProblems) at(row, problem.field, problem.message);
    if (entryProblems.length > 0) continue;
    const first = seen.get(entry.name);
    if (first !== undefined) at(row, 'name', `与第 ${first} 行的数据资源同名`);
    seen.set(entry.name, row);
    const before = existing.get(entry.name);
    if (before) {
      for (const stricter of restrictionsOf(before, entry)) {
        at(row, stricter.startsWith('共享') ? 'sharing' : 'open', `${stricter} 为调整为更严格的属性,须说明理由并经审批,不能通过导入修改,请在管理控制台提出`);
      }
    }
    entries.push({ row, entry });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
    throw new AppError('validation_failed', `表格有 ${problems.length} 处问题,未导入任何数据:\n${problems.map(describeProblem).join('\n')}`, { problems });
  }
  const summary: ImportSummary = { agencyName: agency.name, rows: entries.length, created: 0, updated: 0, unchanged: 0 };
  for (const { entry } of entries) {
    const before = existing.get(entry.name) ?? null;
    if (before && Object.keys(changesOf(before, entry)).length === 0) {
      summary.unchanged++;
      continue;
    }
    await saveVersion(tx, actor, { id: before?.id ?? null, agencyId: agency.id, before }, entry);
    if (before) summary.updated++;
    else summary.created++;
  }
  await recordAudit(tx, actor, { action: 'catalogue.import', subjectType: 'agency', subjectId: String(agency.id), after: { ...summary } });
  return summary;
}
