/**
 * The public data catalogue (公共数据资源目录, docs/domain.md G; the Changning
 * gazette 001 L1252-1454, 《长宁区公共数据管理办法》). Codes are stable; the
 * labels are what the public and staff read.
 */

/** 共享属性 (Art. 14), from the least to the most restrictive. */
export const sharingAttributes = { unconditional: '无条件共享', authorised: '授权共享', none: '非共享' } as const;
export type SharingAttribute = keyof typeof sharingAttributes;

/** 开放属性 (Art. 14), from the least to the most restrictive. */
export const openAttributes = { unconditional: '无条件开放', conditional: '有条件开放', closed: '非开放' } as const;
export type OpenAttribute = keyof typeof openAttributes;

/** 更新频率. Art. 15: new data daily as a rule, instant data in real time. */
export const updateFrequencies = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  half_yearly: '每半年',
  yearly: '每年',
  irregular: '不定期',
} as const;
export type UpdateFrequency = keyof typeof updateFrequencies;

/** The formats a resource may declare (数据格式). */
export const dataFormats = ['CSV', 'XLSX', 'JSON', 'XML', 'API', 'PDF', 'RDF', 'SHP', 'ZIP'] as const;

/** One field of a resource's data dictionary (数据项). */
export interface DataField {
  name: string;
  type: string;
  description: string;
}

/** What an agency declares about a resource: the entry as edited, imported and versioned. */
export interface ResourceEntry {
  name: string;
  description: string;
  classificationCode: string | null;
  domain: string;
  sharing: SharingAttribute;
  sharingReason: string | null;
  sharingBasis: string | null;
  open: OpenAttribute;
  openReason: string | null;
  openBasis: string | null;
  updateFrequency: UpdateFrequency;
  timeCoverage: string | null;
  formats: string[];
  keywords: string[];
  contact: string | null;
  fields: DataField[];
}

export interface ResourceRow extends ResourceEntry {
  id: number;
  /** Stable public identifier (CKAN `id`). */
  uuid: string;
  agencyId: number;
  agencyName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When its data was last refreshed (for the update-frequency check), if known. */
  dataUpdatedOn: string | null;
}

export interface ResourceVersion {
  version: number;
  actor: string;
  at: string;
  /** Field → [before, after]; the first version lists every field with before null. */
  changes: Record<string, [unknown, unknown]>;
}

export const restrictionStates = { pending: '待审批', approved: '已批准', refused: '未批准' } as const;
export type RestrictionState = keyof typeof restrictionStates;

/** A change that makes an attribute more restrictive, waiting for a second member of staff (Art. 14; anchors: 调整为更严格需审批). */
export interface Restriction {
  id: number;
  resourceId: number;
  resourceName: string;
  agencyId: number;
  proposed: ResourceEntry;
  baseVersion: number;
  reason: string;
  proposedBy: number;
  proposedByName: string;
  proposedAt: string;
  state: RestrictionState;
  decidedBy: number | null;
  decisionNote: string | null;
}

/** A resource as the public reads it (only open ones: not 非开放). */
export type PublicResource = Omit<ResourceRow, 'sharingReason' | 'sharingBasis'>;

export const requesterKinds = { person: '个人', company: '法人或其他组织', agency: '政府部门' } as const;
export type RequesterKind = keyof typeof requesterKinds;

/** A data request's states (Art. 17). */
export const requestStates = {
  granted: '已登记,予以共享/开放',
  reviewing: '审核中',
  approved: '审核同意',
  refused: '不予同意',
  disputed: '异议协调中',
  closed: '已办结',
} as const;
export type RequestState = keyof typeof requestStates;

/** What staff do to a data request; each is declared as a form in catalogue.actions.ts. */
export const requestActionLabels = {
  centre_approve: '大数据中心审核同意',
  agency_approve: '提供单位审核同意',
  refuse: '不予同意',
  resolve_dispute: '作出协调结论',
} as const;
export type RequestAction = keyof typeof requestActionLabels;

export const disputeOutcomes = { upheld: '异议成立,予以共享/开放', dismissed: '异议不成立,维持不予同意' } as const;

export interface DataRequestRow {
  id: number;
  trackingCode: string;
  resourceId: number;
  resourceName: string;
  agencyId: number;
  agencyName: string;
  requesterKind: RequesterKind;
  requesterName: string;
  requesterContact: string;
  requesterAgencyId: number | null;
  purpose: string;
  scenario: string;
  state: RequestState;
  centreApproved: boolean;
  agencyApproved: boolean;
  conditions: string | null;
  refusalReason: string | null;
  dispute: string | null;
  disputeConclusion: string | null;
  receivedOn: string;
  decidedOn: string | null;
}

export interface RequestEvent {
  onDate: string;
  actor: string;
  action: string;
  fromState: RequestState | null;
  toState: RequestState;
  publicNote: string | null;
  at?: string;
}

/** What the holder of a tracking code sees. */
export interface RequestTracking {
  trackingCode: string;
  resourceName: string;
  agencyName: string;
  state: string;
  receivedOn: string;
  decidedOn: string | null;
  conditions: string | null;
  refusalReason: string | null;
  disputeConclusion: string | null;
  canDispute: boolean;
  /** Granted or approved: the requester reports the data's use afterwards. */
  canReportUse: boolean;
  steps: { on: string; note: string }[];
  /** Signed download links: an approved request for a conditionally open resource's files. */
  downloads: DownloadLink[];
}

/** A signed, expiring link to a file of a conditionally open resource, for its approved requester. */
export interface DownloadLink {
  title: string;
  format: string;
  size: number;
  href: string;
  expiresOn: string;
}

/** How a resource's data is got (数据资源的获取方式): an uploaded data file, versioned, or a link to an external API. */
export const distributionKinds = { file: '数据文件', api: '数据接口' } as const;
export type DistributionKind = keyof typeof distributionKinds;

/** The largest data file a distribution may be (each version); the console says it too. */
export const maxDistributionBytes = 20 * 1024 * 1024;

/** The data files a distribution may be: checked by content at upload. */
export const distributionFormats = ['CSV', 'XLSX', 'JSON'] as const;
export type DistributionFormat = (typeof distributionFormats)[number];

/** A column's type as guessed from its values at upload (shown with the preview). */
export const columnTypes = { integer: '整数', decimal: '小数', date: '日期', text: '文本' } as const;
export type ColumnType = keyof typeof columnTypes;

/** One uploaded version of a file distribution, as read once at upload. */
export interface DistributionVersion {
  version: number;
  name: string;
  sha256: string;
  mediaType: string;
  size: number;
  /** Data rows without the header; null for a JSON file that is not an array of objects. */
  rowCount: number | null;
  /** Said when the file was converted on upload (a GB18030 CSV kept as UTF-8). */
  conversion: string | null;
  columns: { name: string; type: ColumnType }[];
  /** The first rows, as text. */
  preview: string[][];
  uploadedBy: string;
  uploadedAt: string;
}

export interface Distribution {
  id: number;
  resourceId: number;
  kind: DistributionKind;
  title: string;
  format: DistributionFormat | 'API';
  /** An API link's address and description (null for a file). */
  url: string | null;
  description: string | null;
  /** A file's latest version number (0 for an API link). */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** A file's latest version (null for an API link). */
  latest: DistributionVersion | null;
}
