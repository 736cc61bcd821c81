import type { ConsultationState } from './consultation.types.ts';

/** Where a consultation stands on a day: before, in or after its window (both ends included), or reported. */
export function consultationStateOn(consultation: { opensOn: string; closesOn: string; reportPublishedOn: string | null }, today: string): ConsultationState {
  if (consultation.reportPublishedOn !== null) return 'reported';
  if (today < consultation.opensOn) return 'upcoming';
  return today <= consultation.closesOn ? 'open' : 'closed';
}

/** The rule for the window's length: 30 days by default (《重大行政决策程序暂行条例》第十四条), shorter only with a published reason. */
export const commentPeriodRule = 'participation.comment_period';

/** The window's length in days, both ends counted. */
export const windowDays = (opensOn: string, closesOn: string) => Math.round((Date.parse(`${closesOn}T00:00:00Z`) - Date.parse(`${opensOn}T00:00:00Z`)) / 86_400_000) + 1;

/** The feedback report's clock rule: 10 working days after the decision document's issue (001 L392, 002 L10-11). */
export const feedbackRule = 'participation.feedback';

/**
 * The draft's articles, the places a comment attaches to: each paragraph,
 * named by its own heading when it starts with one (第三条), by its number otherwise.
 */
export function articlesOf(draftText: string | null): { label: string; text: string }[] {
  if (!draftText) return [];
  return draftText
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((text, i, all) => {
      const heading = /^第[一二三四五六七八九十百零〇\d]+[条章节]/.exec(text)?.[0];
      const unique = heading !== undefined && all.filter((other) => other.startsWith(heading)).length === 1;
      return { label: unique ? heading : `第${i + 1}段`, text };
    });
}
