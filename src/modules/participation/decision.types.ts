/**
 * The catalogue of major administrative decisions (重大行政决策事项目录,
 * 001 L388): per agency and year, published by 31 March; every change after
 * publication is a new version with its reason, shown publicly. And the
 * government meetings that stakeholders attended (at least 3 a year, 001 L390).
 */

export interface DecisionItem {
  id: number;
  title: string;
  decidingBody: string;
  plannedOn: string | null;
  draft: string | null;
  background: string;
  opinionMethod: string;
  consultationId: number | null;
  consultationTitle: string | null;
  hearing: { on: string; noticeOn: string; participants: string } | null;
  meeting: string | null;
  resultDocumentId: number | null;
  resultDocumentTitle: string | null;
  withdrawn: boolean;
}

export interface DecisionChange {
  version: number;
  changedOn: string;
  change: string;
  reason: string;
}

export interface DecisionCatalogue {
  id: number;
  agencyId: number;
  agencyName: string;
  year: number;
  version: number;
  publishedOn: string | null;
  /** 31 March of the year: the day it must be public by. */
  dueOn: string;
}

export interface CatalogueFile {
  catalogue: DecisionCatalogue;
  items: DecisionItem[];
  changes: DecisionChange[];
}

/** What staff do to a catalogue; each is a declared form (decision.actions.ts). */
export const catalogueActionLabels = { add_item: '增加事项', revise_item: '修改事项', withdraw_item: '撤回事项', publish: '公布目录' } as const;
export type CatalogueAction = keyof typeof catalogueActionLabels;

/** One agency's meetings with stakeholders attending, in a year, against the duty of 3 (001 L390). */
export interface MeetingTally {
  agencyId: number;
  agencyName: string;
  year: number;
  count: number;
  shortfall: number;
}

export interface MeetingRow {
  id: number;
  agencyName: string;
  heldOn: string;
  title: string;
  attendees: string;
}
