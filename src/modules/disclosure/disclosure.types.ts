/**
 * Disclosure on request (依申请公开, docs/domain.md C). Labels are what the
 * public and staff read; the codes are stable.
 */

export const applicantTypes = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other_organisation: '其他组织',
} as const;
export type ApplicantType = keyof typeof applicantTypes;

/** 《条例》第三十一条: how the request arrived decides its date of receipt. */
export const channels = {
  online: '网上申请(本平台)',
  in_person: '当面提交',
  mail_signed: '邮寄(需签收)',
  mail_ordinary: '平常信函',
  fax: '传真',
  email: '电子邮件',
} as const;
export type Channel = keyof typeof channels;

export const deliveryForms = { paper: '纸质', electronic: '电子数据', other: '其他' } as const;
export type DeliveryForm = keyof typeof deliveryForms;
export const deliveryWays = { mail: '邮寄', pick_up: '自行领取', email: '电子邮件', online: '网上获取', fax: '传真' } as const;
export type DeliveryWay = keyof typeof deliveryWays;

/** How the information given with a 予以公开 / 部分公开 reply reaches the applicant. */
export const replyDeliveries = { email: '电子邮件', mail: '邮寄', in_person: '当面领取', online: '在线查看' } as const;
export type ReplyDelivery = keyof typeof replyDeliveries;
/** The ways whose content the applicant may also read on the tracking page (with the code). */
export const onlineDeliveries: readonly ReplyDelivery[] = ['online', 'email'];

export const requestStates = {
  received: '已收到,办理中',
  correction_requested: '已告知补正,等待申请人补正',
  awaiting_fee: '已发出收费通知,等待缴费',
  replied: '已答复',
  delivered: '已送达',
  closed: '已办结',
} as const;
export type RequestState = keyof typeof requestStates;

/**
 * The reply categories and sub-reasons of 《条例》第三十六条, as the national
 * annual report counts them.
 */
export const replyCategories = {
  disclose: { label: '予以公开', reasons: {} },
  partial: { label: '部分公开', reasons: {} },
  refuse: {
    label: '不予公开',
    reasons: {
      state_secret: '属于国家秘密',
      prohibited_by_law: '其他法律行政法规禁止公开',
      security_stability: '危及“三安全一稳定”',
      third_party_rights: '保护第三方合法权益',
      internal_affairs: '属于三类内部事务信息',
      process_information: '属于四类过程性信息',
      enforcement_files: '属于行政执法案卷',
      administrative_query: '属于行政查询事项',
    },
  },
  unable: {
    label: '无法提供',
    reasons: {
      not_held: '本机关不掌握相关政府信息',
      needs_creation: '没有现成信息需要另行制作',
      still_unclear: '补正后申请内容仍不明确',
    },
  },
  not_handled: {
    label: '不予处理',
    reasons: {
      petition: '信访举报投诉类申请',
      repeated: '重复申请',
      publication: '要求提供公开出版物',
      excessive: '无正当理由大量反复申请',
      confirmation: '要求行政机关确认或重新出具已获取信息',
    },
  },
  other: {
    label: '其他处理',
    reasons: {
      no_correction: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      no_fee: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      other: '其他',
    },
  },
} as const;
export type ReplyCategory = keyof typeof replyCategories;

export const reviewKinds = { reconsideration: '行政复议', litigation: '行政诉讼' } as const;
export type ReviewKind = keyof typeof reviewKinds;
export const reviewOutcomes = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' } as const;
export type ReviewOutcome = keyof typeof reviewOutcomes;

export const consultationKinds = { third_party: '第三方', co_producer: '共同制作机关' } as const;
export type ConsultationKind = keyof typeof consultationKinds;

/** What staff can do to a request; the state machine (disclosure.rules.ts) says when. */
export type RequestAction =
  | 'request_correction'
  | 'receive_correction'
  | 'lapse_correction'
  | 'consult'
  | 'answer_consultation'
  | 'extend'
  | 'send_fee_notice'
  | 'receive_fee'
  | 'lapse_fee'
  | 'reply'
  | 'deliver'
  | 'close'
  | 'record_review';

export const actionLabels: Record<RequestAction, string> = {
  request_correction: '发出补正告知',
  receive_correction: '收到补正',
  lapse_correction: '逾期未补正',
  consult: '征求意见',
  answer_consultation: '收到意见',
  extend: '延期答复',
  send_fee_notice: '发出收费通知',
  receive_fee: '已缴费',
  lapse_fee: '逾期未缴费',
  reply: '作出答复',
  deliver: '送达',
  close: '办结',
  record_review: '登记复议或诉讼结果',
};

/** The letters a case produces, each written for one step. */
export const noticeKinds = {
  receipt: '政府信息公开申请受理回执',
  correction: '政府信息公开申请补正告知书',
  consultation: '政府信息公开第三方意见征询函',
  extension: '政府信息公开申请延期答复告知书',
  fee: '政府信息公开信息处理费收费通知',
  reply: '政府信息公开申请答复书',
} as const;
export type NoticeKind = keyof typeof noticeKinds;
