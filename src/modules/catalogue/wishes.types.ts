/** A request for data the catalogue does not list (目录外数据需求): open until answered. */
export const wishStates = { open: '待答复', answered: '已答复' } as const;
export type WishState = keyof typeof wishStates;

/** How a request for unlisted data was answered. */
export const wishOutcomes = {
  will_open: '将编入目录并开放',
  exists: '目录中已有相关数据',
  not_held: '本区未掌握该数据',
  refused: '不予开放',
} as const;
export type WishOutcome = keyof typeof wishOutcomes;

export interface WishReceipt {
  trackingCode: string;
  receivedOn: string;
}

/** What the public sees of an answered request: never who asked. */
export interface PublishedWish {
  id: number;
  title: string;
  receivedOn: string;
  outcome: WishOutcome;
  answer: string;
  answeredOn: string;
  answeredBy: string;
  resourceId: number | null;
}

/** The requester's view by tracking code. */
export interface WishTracking {
  trackingCode: string;
  title: string;
  state: WishState;
  receivedOn: string;
  outcome: WishOutcome | null;
  answer: string | null;
  answeredOn: string | null;
  resourceId: number | null;
}

/** What staff see: the request whole, with who asked. */
export interface StaffWish extends WishTracking {
  id: number;
  description: string;
  purpose: string;
  agencyId: number | null;
  agencyName: string | null;
  requesterName: string;
  contact: string;
  publishedTitle: string | null;
}

export interface WishCounts {
  received: number;
  answered: number;
  open: number;
}
