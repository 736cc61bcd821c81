import type { OutgoingMail } from '../../core/mail/index.ts';

/**
 * The e-mail an applicant who asked for it receives at each public step of
 * their request: what happened, the state, and the tracking page. Nothing
 * else of the case (the applicant's own data stays out, so a forwarded or
 * misdirected message reveals no more than the tracking page).
 */
export function progressMail(request: { id: number; trackingCode: string; agencyName: string }, step: { note: string; state: string; on: string }, to: string, publicUrl: string): OutgoingMail {
  const page = `${publicUrl}/requests/track/${request.trackingCode}`;
  return {
    recipient: to,
    subject: `政府信息公开申请 ${request.trackingCode}:${step.note}`,
    body: [
      '您好:',
      '',
      `您向${request.agencyName}提出的政府信息公开申请(查询码 ${request.trackingCode})有新的办理进展:`,
      '',
      `  ${step.on} ${step.note}`,
      `  当前状态:${step.state}`,
      '',
      `办理进展和答复文书请凭查询码查看:${page}`,
      '',
      '本邮件由系统自动发送,请勿直接回复。如不希望再收到此类邮件,请联系受理机关。',
      request.agencyName,
    ].join('\n'),
    aboutType: 'disclosure_request',
    aboutId: String(request.id),
  };
}
