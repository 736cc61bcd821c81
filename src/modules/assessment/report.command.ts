import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import type { ModuleCommand } from '../../core/module.ts';

const usage = '  report annual --year 年份 [--agency 机关全称] [--json]   政府信息公开工作年度报告(国家格式,按年份选用 2019 或 2021 格式)';

/** `gongkai report annual`: the whole report of an agency (and those under it), or of every agency, from live data. */
export const reportCommand: ModuleCommand<AppContext> = {
  usage,
  async run(args, options, context, io) {
    if (args[0] !== 'annual' || typeof options.year !== 'string' || !/^\d{4}$/.test(options.year)) {
      throw new AppError('validation_failed', `用法:gongkai${usage.trimStart().replace(/^report/, ' report')}`);
    }
    const agency = typeof options.agency === 'string' && options.agency.trim() !== '' ? options.agency.trim() : null;
    const report = await context.annualReports.computeByName(Number(options.year), agency);
    if (options.json) {
      io.out(JSON.stringify({ year: report.year, format: report.format, agency: report.agency.name, tables: report.tables, checks: report.checks.map(({ name, ok, detail }) => ({ name, ok, ...(detail ? { detail } : {}) })) }, null, 2));
    } else {
      io.out(`${report.agency.name}${report.year}年政府信息公开工作年度报告(${report.formatSource})`);
      for (const table of [...report.tables.active, report.tables.requests, report.tables.review]) {
        io.out('');
        io.out([table.caption, ...table.columns].join('\t'));
        for (const row of table.rows) io.out([row.label, ...row.cells.map((cell) => (cell === null ? '—' : String(cell)))].join('\t'));
      }
      io.out('');
      for (const check of report.checks) io.out(`${check.ok ? '✓' : '✗'} ${check.name}${check.detail ? `:${check.detail}` : ''}`);
    }
    return report.checks.every((check) => check.ok) ? 0 : 1;
  },
};
