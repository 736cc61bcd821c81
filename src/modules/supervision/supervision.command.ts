import type { AppContext } from '../../app.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import { AppError } from '../../core/errors.ts';
import type { ModuleCommand } from '../../core/module.ts';

const usage = `  tasks import --document-number 文号 [--due-on 日期] [--json]
                                把文件库中该文件的任务列入督查台账(重复执行不会重复创建;文件未写明时限的任务按 --due-on,默认当年年底)
  tasks map 文件中的单位名称 --agency 机关编号
                                把文件中的单位名称(如“区编办”)对应到机关名录中的机关,此后导入时沿用`;

/** The command line acts as a supervisor (it answers to whoever runs it on the server, recorded as cli:<user>). */
const commandLine: StaffUser = { id: 0, username: 'cli', displayName: '命令行', role: 'supervisor', agencyId: null, agencyName: null, mustChangePassword: false };

/** `gongkai tasks …`: the supervised-task ledger from the library's documents. */
export const tasksCommand: ModuleCommand<AppContext> = {
  usage,
  options: { 'document-number': { type: 'string' }, 'due-on': { type: 'string' } },
  async run(args, options, context, io) {
    const actor = { id: `cli:${process.env.USER ?? 'unknown'}` };
    const [action, name] = args;
    if (action === 'import' && typeof options['document-number'] === 'string') {
      const dueOn = typeof options['due-on'] === 'string' ? options['due-on'] : `${todayInChina().slice(0, 4)}-12-31`;
      const result = await context.supervision.importByNumber(options['document-number'], { dueOn }, commandLine, actor);
      const tasks = result.tasks.map((task) => ({ id: task.id, text: task.text, lead: task.lead, responsible: task.responsible, dueOn: task.dueOn, state: task.state }));
      if (options.json) io.out(JSON.stringify({ documentNumber: result.documentNumber, tasks }, null, 2));
      else {
        io.out(`${result.documentNumber ?? ''}:新建 ${result.created} 项,台账中共 ${tasks.length} 项`);
        for (const task of tasks) io.out(`${task.id}\t${task.dueOn}\t牵头:${task.lead.join('、') || '—'}\t责任:${task.responsible.join('、') || '—'}\t${task.text.slice(0, 40)}`);
      }
      return 0;
    }
    if (action === 'map' && name && typeof options.agency === 'string' && /^\d{1,12}$/.test(options.agency)) {
      await context.supervision.mapName({ name, agencyId: Number(options.agency) }, commandLine, actor);
      io.out(`已将“${name}”对应到机关 #${options.agency}`);
      return 0;
    }
    throw new AppError('validation_failed', `用法:\n${usage}`);
  },
};
