import { readFile, writeFile } from 'node:fs/promises';
import type { AppContext } from '../../app.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import type { ModuleCommand } from '../../core/module.ts';
import { findAgencyByName } from '../agencies/index.ts';
import { describeProblem, type SheetProblem } from './catalogue.template.ts';

const usage = `  catalogue import 文件.xlsx|文件.csv --agency 机关全称
                                按模板导入机关的公共数据资源目录;有任何问题则逐行逐列列出、不导入任何数据
  catalogue export 文件.xlsx|文件.csv --agency 机关全称
                                按模板导出机关的公共数据资源目录(CSV 单元格已防公式注入)`;

const operator = () => ({ id: `cli:${process.env.USER ?? 'unknown'}` });

/** `gongkai catalogue import|export`: the template, for an operator (no staff session: the operator acts for the agency named). */
export const catalogueCommand: ModuleCommand<AppContext> = {
  usage,
  options: { agency: { type: 'string' } },
  async run(args, options, context, io) {
    const [action, file] = args;
    if ((action !== 'import' && action !== 'export') || !file) throw new AppError('validation_failed', `用法:\n${usage}`);
    const agencyName = typeof options.agency === 'string' ? options.agency.trim() : '';
    if (!agencyName) throw new AppError('validation_failed', '请用 --agency 指定机关全称');
    const agencyId = await findAgencyByName(context.db, agencyName);
    if (agencyId === null) throw new AppError('not_found', `机关名录中没有“${agencyName}”(gongkai agency 查看名录)`);
    if (action === 'export') {
      const format = file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
      await writeFile(file, await context.catalogue.exportSheet(agencyId, format, null));
      io.out(`已导出 ${agencyName} 的数据资源目录到 ${file}`);
      return 0;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      throw new AppError('file_unreadable', `无法读取文件 ${file}`);
    }
    try {
      const summary = await context.catalogue.importSheet(bytes, agencyId, null, operator());
      io.out(`已导入 ${summary.agencyName} 的数据资源目录:共 ${summary.rows} 行,新增 ${summary.created} 项,更新 ${summary.updated} 项,未变 ${summary.unchanged} 项`);
      return 0;
    } catch (error) {
      const problems = isAppError(error) ? (error.details.problems as SheetProblem[] | undefined) : undefined;
      if (!problems || !Array.isArray(problems) || problems.length === 0 || typeof problems[0]?.row !== 'number') throw error;
      io.err(`表格有 ${problems.length} 处问题,未导入任何数据:`);
      for (const problem of problems) io.err(describeProblem(problem));
      return 1;
    }
  },
};
