import { parseArgs } from 'node:util';
import { createContext, type AppContext } from '../app.ts';
import { loadConfig, type Config } from '../core/config.ts';
import { AppError, describeError } from '../core/errors.ts';
import { moduleCommands } from '../modules/modules.ts';
import { buildServer } from '../server/server.ts';
import { agencyCommand } from './agency.command.ts';
import { auditCommand, auditKeygen } from './audit.command.ts';
import { loadAuditKey, scheduleCheckpoints } from '../core/audit/audit.checkpoint.ts';
import { calendarCommand, calendarUsage } from './calendar.command.ts';
import { dbCommand } from './db.command.ts';
import { documentsCommand } from './documents.command.ts';
import { ingestCommand } from './ingest.command.ts';
import { mailCommand } from './mail.command.ts';
import { processOutput, type Output } from './output.ts';
import { parseCommand } from './parse.command.ts';
import { requestsCommand } from './requests.command.ts';
import { rulesCommand } from './rules.command.ts';
import { searchCommand } from './search.command.ts';
import { userCommand } from './user.command.ts';

const baseUsage = `用法: gongkai <命令> [参数]

  parse 文件 [--json]          解析一个文件并输出结果(不访问数据库)
  ingest 文件或目录... [--json]  把文件入库;重复执行是安全的
  ingest --bulk [--batch 文件数] 文件或目录...  批量入库:每批一个事务,可中断后重新执行
  documents conflicts|repair 编号
                                被其他来源替换的平台发布文本(或反之)及其恢复
  db migrate                    应用数据库迁移
  db stats [--json]             文件库统计
  search 检索词 [--json] [--page 页码] [--on 日期]
                                检索文件库(有效性按 --on 日期判断,默认今天)
  calendar due --from 日期 --working-days N
                                法定工作日期限(当天为第 0 日;另有 is-working-day、years、load)
  requests report --year 年份   年度报告中依申请公开的表格(CSV)
  user add 用户名 --name 姓名 --role 角色 [--agency 机关编号]
                                创建工作人员账号(首个系统管理员由此创建)
  agency [set 编号 --code … --short-name … --parent … --alias …]
                                机关名录(由入库文件的发文机关生成)及其修改
  rules [set 代码 --limit 天数 --source 依据]
                                各项法定期限及其依据;修改只适用于此后开始计时的事项
  audit verify [--checkpoint 行]
                                核对审计日志的哈希链及最新的签名检查点(或另存的一行)
  audit checkpoint              签发链尾的检查点,输出一行供另行保存
  audit keygen 文件             生成检查点签名密钥(Ed25519,存放在数据库之外)
  mail send|list [--json]       发送到期的邮件(申请人办理进展通知)/ 查看发送记录
  serve [--port 端口]           启动门户网站
  start                         迁移、载入示例语料(corpus/seeds)并启动门户网站

环境变量: DATABASE_URL(PostgreSQL;不设则用 DATA_DIR 下的嵌入式数据库,默认 ./data)、
HOST、PORT、PUBLIC_URL(门户网站对外地址,用于网站地图与订阅)、LOG_LEVEL(日志级别,默认 info)、
MAX_FILE_MB、MAX_LINE_CHARS、AUDIT_KEY_FILE、AUDIT_CHECKPOINT_MINUTES、SMTP_URL、MAIL_FROM、MAIL_SEND_SECONDS`;

/** The commands above, then each module's (src/modules/modules.ts). */
const usage = [baseUsage, ...Object.values(moduleCommands).map((command) => command.usage)].join('\n');
// Typed as nothing here: each module reads its own options from the values it is given.
const moduleOptions = Object.assign({}, ...Object.values(moduleCommands).map((command) => command.options ?? {})) as Record<never, never>;

const demoCorpus = new URL('../../corpus/seeds/', import.meta.url).pathname;

async function withContext(config: Config, run: (context: AppContext) => Promise<number>): Promise<number> {
  const context = await createContext(config);
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

async function serve(context: AppContext, io: Output): Promise<number> {
  // Structured logs (JSON lines) on standard output: each request with its id, and every 5xx with its cause.
  const server = buildServer(context, { logger: { level: context.config.server.logLevel } });
  const address = await server.listen({ host: context.config.server.host, port: context.config.server.port });
  io.out(`门户网站已启动: ${address}`);
  // With a signing key, the server anchors the audit log's tail every AUDIT_CHECKPOINT_MINUTES.
  const key = context.config.audit.keyFile ? loadAuditKey(context.config.audit.keyFile) : null;
  const stopCheckpoints = key?.privateKey
    ? scheduleCheckpoints(context.db, key, context.config.audit.checkpointMinutes, (error) => io.err(`审计检查点签发失败: ${String(error)}`))
    : () => {};
  // Mail to the public leaves through the outbox every MAIL_SEND_SECONDS (when SMTP_URL is set).
  const stopMail = context.mail.enabled ? context.mail.schedule(context.config.mail.sendEverySeconds, (error) => io.err(`邮件发送出错: ${String(error)}`)) : () => {};
  // Staff are reminded of what falls due every REMINDER_MINUTES (and once at start).
  const stopReminders = context.reminders.schedule(context.config.reminders.everyMinutes, (error) => io.err(`到期提醒出错: ${String(error)}`));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  stopMail();
  stopReminders();
  stopCheckpoints();
  await server.close();
  return 0;
}

export async function run(argv: string[], io: Output = processOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      bulk: { type: 'boolean', default: false },
      batch: { type: 'string' },
      port: { type: 'string' },
      page: { type: 'string' },
      on: { type: 'string' },
      from: { type: 'string' },
      'working-days': { type: 'string' },
      year: { type: 'string' },
      source: { type: 'string' },
      estimate: { type: 'boolean', default: false },
      agency: { type: 'string' },
      limit: { type: 'string' },
      code: { type: 'string' },
      'short-name': { type: 'string' },
      parent: { type: 'string' },
      alias: { type: 'string', multiple: true },
      name: { type: 'string' },
      role: { type: 'string' },
      checkpoint: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...moduleOptions,
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    io.out(usage);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig(values.port ? { ...env, PORT: values.port } : env);
  switch (command) {
    case 'parse':
      return parseCommand(rest[0], { json: values.json }, config, io);
    case 'ingest':
      return withContext(config, (context) => ingestCommand(rest, { json: values.json, bulk: values.bulk, batch: values.batch }, context, io));
    case 'search':
      return withContext(config, (context) => searchCommand(rest.join(' '), { json: values.json, page: values.page, on: values.on }, context, io));
    case 'documents':
      return withContext(config, (context) => documentsCommand(rest, { json: values.json }, context, io));
    case 'db':
      return withContext(config, (context) => dbCommand(rest[0], { json: values.json }, context, io));
    case 'calendar':
      if (rest.length === 0) {
        io.out(calendarUsage);
        return 2;
      }
      return withContext(config, (context) =>
        calendarCommand(rest, { from: values.from, workingDays: values['working-days'], year: values.year, source: values.source, estimate: values.estimate, json: values.json }, context, io));
    case 'requests':
      return withContext(config, (context) => requestsCommand(rest, { year: values.year, agency: values.agency, json: values.json }, context, io));
    case 'user':
      return withContext(config, (context) => userCommand(rest, { name: values.name, role: values.role, agency: values.agency }, context, io));
    case 'agency':
      return withContext(config, (context) =>
        agencyCommand(rest, { code: values.code, shortName: values['short-name'], parent: values.parent, alias: values.alias, json: values.json }, context, io));
    case 'rules':
      return withContext(config, (context) => rulesCommand(rest, { limit: values.limit, source: values.source, json: values.json }, context, io));
    case 'audit':
      if (rest[0] === 'keygen') return auditKeygen(rest[1], io);
      return withContext(config, (context) => auditCommand(rest[0], { json: values.json, checkpoint: values.checkpoint }, context, io));
    case 'mail':
      return withContext(config, (context) => mailCommand(rest, { json: values.json, on: values.on }, context, io));
    case 'serve':
      return withContext(config, (context) => serve(context, io));
    case 'start':
      return withContext(config, async (context) => {
        await ingestCommand([demoCorpus], { json: false }, context, io);
        return serve(context, io);
      });
    default: {
      const declared = Object.hasOwn(moduleCommands, command) ? moduleCommands[command] : undefined;
      if (declared) return withContext(config, (context) => declared.run(rest, values, context, io));
      throw new AppError('validation_failed', `未知命令「${command}」\n\n${usage}`);
    }
  }
}

/** `run`, with a failure told as the command line tells it: the message on stderr, and the exit code it calls for. */
export async function runReported(argv: string[], io: Output = processOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    return await run(argv, io, env);
  } catch (error) {
    const described = describeError(error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
      ? new AppError('validation_failed', `${error.message}\n\n${usage}`)
      : error);
    io.err(described.code === 'internal' ? `内部错误: ${(error as Error)?.stack ?? String(error)}` : `错误: ${described.message}`);
    return described.exit;
  }
}
