import type { AppContext } from '../app.ts';
import { mailStates, maskAddress } from '../core/mail/index.ts';
import { AppError } from '../core/errors.ts';
import type { Output } from './output.ts';

export const mailUsage = `用法: gongkai mail send        发送到期的邮件(服务运行时每 MAIL_SEND_SECONDS 秒自动发送)
       gongkai mail list [--json] 邮件发送记录(最近 100 封)
       gongkai mail remind [--on YYYY-MM-DD] [--json]
                                  提醒工作人员即将到期和已逾期的事项(服务运行时每 REMINDER_MINUTES 分钟自动提醒)`;

/** `gongkai mail send|list|remind`: the outbox of mail, and the reminders of what falls due (given in the console and queued here). */
export async function mailCommand(args: string[], options: { json: boolean; on?: string }, context: AppContext, io: Output): Promise<number> {
  switch (args[0]) {
    case 'remind': {
      const given = await context.reminders.remind(options.on);
      io.out(options.json ? JSON.stringify(given) : `已提醒 ${given.reminders} 项,排队邮件 ${given.mails} 封`);
      return 0;
    }
    case 'send': {
      if (!context.mail.enabled) throw new AppError('validation_failed', '未配置邮件服务(SMTP_URL),邮件只记录、不发送');
      const { sent, failed } = await context.mail.sendDue(100);
      io.out(options.json ? JSON.stringify({ sent, failed }) : `已发送 ${sent} 封,失败 ${failed} 封(失败的稍后重试)`);
      return failed > 0 ? 1 : 0;
    }
    case 'list': {
      const mails = await context.mail.list({ limit: 100 });
      if (options.json) io.out(JSON.stringify(mails.map((mail) => ({ ...mail, recipient: maskAddress(mail.recipient) })), null, 2));
      else for (const mail of mails) io.out(`${mail.id}\t${mail.createdAt.slice(0, 19)}\t${mailStates[mail.state]}\t${maskAddress(mail.recipient)}\t${mail.subject}${mail.lastError ? `\t(${mail.lastError})` : ''}`);
      return 0;
    }
    default:
      throw new AppError('validation_failed', mailUsage);
  }
}
