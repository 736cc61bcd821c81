/** A message to a member of the public, queued with the change that causes it. */
export interface OutgoingMail {
  recipient: string;
  subject: string;
  body: string;
  /** What it is about, for the case record: ('disclosure_request', '12'). */
  aboutType: string;
  aboutId: string;
}

export const mailStates = { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败', skipped: '未发送(未配置邮件服务)' } as const;
export type MailState = keyof typeof mailStates;

export interface QueuedMail extends OutgoingMail {
  id: number;
  state: MailState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** How mail leaves: SMTP in production, anything with the same shape in tests. */
export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string }): Promise<void>;
}
