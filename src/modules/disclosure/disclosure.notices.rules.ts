import { chineseDate } from '../../core/calendar/index.ts';
import { consultationKinds, noticeKinds, replyCategories, type NoticeKind, type ReplyCategory } from './disclosure.types.ts';

/**
 * The documents an agency sends while handling a request, written from the
 * case's facts with their legal bases: one structure, rendered as HTML for
 * print and as PDF. Dates are written the Chinese way (2024年3月1日).
 */
export { noticeKinds, type NoticeKind };

/** Which step of the case each notice is written for. */
export const noticeOfAction: Partial<Record<string, NoticeKind>> = {
  submit: 'receipt',
  request_correction: 'correction',
  consult: 'consultation',
  extend: 'extension',
  send_fee_notice: 'fee',
  reply: 'reply',
};

export interface NoticeFacts {
  agencyName: string;
  applicantName: string;
  trackingCode: string;
  receivedOn: string;
  description: string;
  /** The step: its date and the details recorded with it. */
  step: { action: string; onDate: string; details: Record<string, unknown> };
  replyCategory: string | null;
  replyReason: string | null;
  replyBasis: string | null;
  /** The reply letter's own document number, and what it gives (予以公开、部分公开). */
  replyNumber?: string | null;
  replyContent?: string | null;
  replyDelivery?: string | null;
  replyFileName?: string | null;
}

export interface Notice {
  kind: NoticeKind;
  title: string;
  /** The letter's document number, printed above the addressee (the reply letter has one). */
  documentNumber: string | null;
  addressee: string;
  paragraphs: string[];
  issuer: string;
  date: string;
}


const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/** Closing quotes and brackets that may follow a sentence's own end mark. */
const closers = '\u201d\u2019\u300d\u300f)\uff09\u300b\u3009\u3011\'"';
const sentenceEnds = '\u3002!?\uff01\uff1f\u2026';
const clauseEnds = ',\uff0c;\uff1b:\uff1a\u3001.';

/**
 * Ends a sentence with one full stop: text that already ends with its own end
 * mark (。!?…), even inside closing quotes or brackets (申请获取“…情况。”),
 * gets none; a trailing comma or semicolon is replaced.
 */
export function sentence(value: string): string {
  let body = value.trimEnd();
  let end = body.length;
  while (end > 0 && closers.includes(body[end - 1]!)) end -= 1;
  const last = body[end - 1];
  if (last !== undefined && sentenceEnds.includes(last)) return body;
  if (last !== undefined && clauseEnds.includes(last) && end === body.length) body = body.slice(0, -1);
  return `${body}。`;
}

/** A phrase set inside a sentence (因…,): its own trailing punctuation dropped. */
export function clause(value: string): string {
  let body = value.trim();
  while (body.length > 0 && (sentenceEnds + clauseEnds).includes(body.at(-1)!)) body = body.slice(0, -1);
  return body;
}

/**
 * What a reply that gives information says of it: the text given (in the
 * letter itself), the attached file by name, and how the applicant gets them.
 */
function givenInformation(facts: NoticeFacts): string[] {
  const lines: string[] = [];
  const content = facts.replyContent?.trim();
  if (content) {
    lines.push('您申请获取的政府信息如下:');
    lines.push(...content.split(/\r?\n/).map((line) => line.trim()).filter(Boolean));
  }
  if (facts.replyFileName) lines.push(`${content ? '另有' : '您申请获取的政府信息见'}附件《${facts.replyFileName}》。`);
  const code = facts.trackingCode;
  switch (facts.replyDelivery) {
    case 'online':
      lines.push(`您可凭查询码 ${code} 在本平台“查询办理进度”页面在线查看本答复书${facts.replyFileName ? '并下载附件' : '及上述信息'}。`);
      break;
    case 'email':
      lines.push(`本机关通过电子邮件向您提供上述信息;您也可凭查询码 ${code} 在本平台“查询办理进度”页面在线查看。`);
      break;
    case 'mail':
      lines.push('本机关通过邮寄方式向您提供上述信息。');
      break;
    case 'in_person':
      lines.push('请您持本答复书和有效身份证件到本机关当面领取上述信息。');
      break;
  }
  return lines;
}

export function writeNotice(kind: NoticeKind, facts: NoticeFacts): Notice {
  const { details, onDate } = facts.step;
  const received = `本机关于${chineseDate(facts.receivedOn)}收到您提出的政府信息公开申请,申请获取“${facts.description}”`;
  const due = text(details.dueOn) ? chineseDate(text(details.dueOn)) : '';
  const base = { kind, title: noticeKinds[kind], documentNumber: null as string | null, addressee: `${facts.applicantName}:`, issuer: facts.agencyName, date: chineseDate(onDate) };
  switch (kind) {
    case 'receipt':
      return {
        ...base,
        paragraphs: [
          sentence(received),
          `根据《中华人民共和国政府信息公开条例》第三十三条的规定,本机关将在收到申请之日起20个工作日内(即${due}前)予以答复;需要延长答复期限的,将另行告知。`,
          `您可凭查询码 ${facts.trackingCode} 查询办理进度。`,
        ],
      };
    case 'correction':
      return {
        ...base,
        paragraphs: [
          `${sentence(received)}经审查,您的申请内容不够明确,需要补正:${sentence(text(details.what))}`,
          `根据《中华人民共和国政府信息公开条例》第三十条的规定,请您于${chineseDate(text(details.correctBy))}前补正。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的,视为放弃申请,本机关不再处理该政府信息公开申请。`,
        ],
      };
    case 'consultation': {
      const kindLabel = consultationKinds[text(details.kind) as keyof typeof consultationKinds] ?? '第三方';
      const article = text(details.kind) === 'co_producer' ? '第三十四条' : '第三十二条';
      const silence = text(details.kind) === 'co_producer' ? '逾期未提出意见的,视为同意公开。' : '第三方逾期未提出意见的,由本机关依照《条例》的规定决定是否公开。';
      return {
        ...base,
        addressee: `${text(details.party)}:`,
        paragraphs: [
          `本机关于${chineseDate(facts.receivedOn)}收到一件政府信息公开申请,申请公开的政府信息可能涉及贵方(${kindLabel})的合法权益。`,
          `根据《中华人民共和国政府信息公开条例》${article}的规定,现征求贵方意见,请于收到本函之日起15个工作日内书面提出意见。${silence}`,
        ],
      };
    }
    case 'extension':
      return {
        ...base,
        paragraphs: [
          `${sentence(received)}因${clause(text(details.reason))},本机关不能在规定期限内作出答复。`,
          `根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定,经本机关政府信息公开工作机构负责人同意,答复期限延长${text(details.days)}个工作日,本机关将于${due}前予以答复。`,
        ],
      };
    case 'fee': {
      const amount = text(details.amount);
      const mode = text(details.mode) === 'per_item' ? '按件计收' : `按量计收(${text(details.pages)}页)`;
      return {
        ...base,
        paragraphs: [
          sentence(received),
          `根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》(国办函〔2020〕109号)的规定,您的申请需缴纳信息处理费人民币${amount}元(${mode})。`,
          '请于收到本通知之日起20个工作日内缴纳;缴费期间不计算在答复期限内。逾期未缴纳的,视为放弃申请,本机关不再处理该政府信息公开申请。',
        ],
      };
    }
    case 'reply': {
      const category = facts.replyCategory as ReplyCategory;
      const label = replyCategories[category]?.label ?? '';
      const reasons = (replyCategories[category]?.reasons ?? {}) as Record<string, string>;
      const reason = facts.replyReason ? reasons[facts.replyReason] : null;
      return {
        ...base,
        documentNumber: facts.replyNumber ?? null,
        paragraphs: [
          `${sentence(received)}经审查,现答复如下:`,
          sentence(`${label}${reason ? `。理由:${clause(reason)}` : ''}`),
          ...givenInformation(facts),
          sentence(`依据:${facts.replyBasis ?? ''}`),
          '如对本答复不服,可以在收到本答复之日起60日内依法申请行政复议,或者在6个月内依法向人民法院提起行政诉讼。',
        ],
      };
    }
  }
}
