import type { ReportCheck, ReportTable } from './report.types.ts';

const cellsOf = (table: ReportTable, label: (text: string) => boolean) => table.rows.find((row) => label(row.label))?.cells.map((cell) => cell ?? 0);
const columnName = (table: ReportTable, index: number) => table.columns[index] ?? `第${index + 1}列`;

/**
 * The identities the national format implies, each checked and named, so a
 * report that does not add up says where:
 * - table 三, per column: 一 + 二 = 三(七) + 四; (七) = (一)…(六); 总计 = the six applicant columns;
 * - table 四: each 总计 = its four outcomes;
 * - last year's 四 (carried forward) = this year's 二 (carried over), when last year is known.
 */
export function reportChecks(requests: ReportTable, review: ReportTable, lastYearCarriedForward: number[] | null): ReportCheck[] {
  const checks: ReportCheck[] = [];
  const fresh = cellsOf(requests, (l) => l.startsWith('一、')) ?? [];
  const carriedOver = cellsOf(requests, (l) => l.startsWith('二、')) ?? [];
  const total = cellsOf(requests, (l) => l.startsWith('(七)')) ?? [];
  const carriedForward = cellsOf(requests, (l) => l.startsWith('四、')) ?? [];
  const balance = fresh.findIndex((value, i) => value + (carriedOver[i] ?? 0) !== (total[i] ?? 0) + (carriedForward[i] ?? 0));
  checks.push({
    name: '表三:新收 + 上年结转 = 办理结果总计 + 结转下年',
    ok: balance < 0,
    ...(balance >= 0 ? { detail: `${columnName(requests, balance)}:${fresh[balance]} + ${carriedOver[balance]} ≠ ${total[balance]} + ${carriedForward[balance]}` } : {}),
  });

  const categories = requests.rows.filter((row) => row.level === 1 && !row.label.startsWith('(七)'));
  const sumOfCategories = total.map((_, i) => categories.reduce((sum, row) => sum + (row.cells[i] ?? 0), 0));
  const unsummed = total.findIndex((value, i) => value !== sumOfCategories[i]);
  checks.push({
    name: '表三:(七)总计 = (一)至(六)之和',
    ok: unsummed < 0,
    ...(unsummed >= 0 ? { detail: `${columnName(requests, unsummed)}:${total[unsummed]} ≠ ${sumOfCategories[unsummed]}` } : {}),
  });

  const rowTotals = requests.rows.find((row) => {
    const cells = row.cells.map((cell) => cell ?? 0);
    return cells.slice(0, -1).reduce((a, b) => a + b, 0) !== cells.at(-1);
  });
  checks.push({ name: '表三:总计 = 各类申请人之和', ok: !rowTotals, ...(rowTotals ? { detail: rowTotals.label } : {}) });

  const reviewRow = review.rows.find((row) => {
    const cells = row.cells.map((cell) => cell ?? 0);
    return cells.slice(0, -1).reduce((a, b) => a + b, 0) !== cells.at(-1);
  });
  checks.push({ name: '表四:总计 = 维持、纠正、其他、尚未审结之和', ok: !reviewRow, ...(reviewRow ? { detail: reviewRow.label } : {}) });

  if (lastYearCarriedForward) {
    const differs = carriedOver.findIndex((value, i) => value !== lastYearCarriedForward[i]);
    checks.push({
      name: '表三:上年结转 = 上一年度报告的结转下年度继续办理',
      ok: differs < 0,
      ...(differs >= 0 ? { detail: `${columnName(requests, differs)}:本年 ${carriedOver[differs]},上一年度报告 ${lastYearCarriedForward[differs]}` } : {}),
    });
  }
  return checks;
}

/** Table 三's 四、结转下年度继续办理, the figures the next year's report carries over. */
export const carriedForwardOf = (requests: ReportTable): number[] | null => cellsOf(requests, (l) => l.startsWith('四、')) ?? null;
