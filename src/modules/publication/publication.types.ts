/** Proactive disclosure (主动公开, docs/domain.md B): what a draft carries on its way to the library. */

export const attributes = {
  proactive: '主动公开',
  on_request: '依申请公开',
  not_public: '不予公开',
} as const;
export type Attribute = keyof typeof attributes;

export const publicationStates = {
  draft: '草稿',
  returned: '已退文',
  published: '已公开',
  filed: '已归档(不主动公开)',
} as const;
export type PublicationState = keyof typeof publicationStates;

/** What staff do to a publication once drafted: the keys of the transition table (publication.rules.ts) and of the service's handlers. */
export const publicationActions = {
  update: '修改草稿',
  attach: '上传附件',
  detach: '删除附件',
  submit: '提交公开',
  correct: '发布更正',
  mark_invalid: '标注废止或失效',
  review: '复核',
} as const;
export type PublicationAction = keyof typeof publicationActions;

/** An annex (附件) uploaded with a publication: kept in the original-file store, offered on its document page once published. */
export interface PublicationAnnex {
  position: number;
  name: string;
  size: number;
  mediaType: string;
}

export interface Publication {
  id: number;
  agencyId: number;
  state: PublicationState;
  title: string;
  docNumber: string | null;
  signedOn: string;
  addressees: string | null;
  bodyText: string;
  normative: boolean;
  policy: boolean;
  attribute: Attribute | null;
  notPublicReason: string | null;
  interpretationText: string | null;
  /** 主题分类 chosen by the drafter; null leaves the one computed from the title. */
  subject: string | null;
  /** 施行日期 and 有效期至, when the drafter states them. */
  effectiveOn: string | null;
  expiresOn: string | null;
  annexes: PublicationAnnex[];
  returnedReasons: string[];
  version: number;
  documentIds: number[];
  invalidKind: 'repealed' | 'expired' | null;
  invalidOn: string | null;
  invalidMarkedOn: string | null;
  reviewedOn: string | null;
  reviewNote: string | null;
}
