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
  returnedReasons: string[];
  version: number;
  documentIds: number[];
  invalidKind: 'repealed' | 'expired' | null;
  invalidOn: string | null;
  invalidMarkedOn: string | null;
  reviewedOn: string | null;
  reviewNote: string | null;
}
