/** The catalogue of a year is public by 31 March of that year (001 L388). */
export const catalogueDueOn = (year: number) => `${year}-03-31`;

/** A hearing is announced at least 10 days ahead (issue 14, 听证会提前 10 日公告). */
export const hearingNoticeDays = 10;

/** What is wrong with an item's hearing, if anything: all three facts or none, the notice early enough. */
export function hearingProblem(item: { hearingOn?: string; hearingNoticeOn?: string; hearingParticipants?: string }): string | null {
  const given = [item.hearingOn, item.hearingNoticeOn, item.hearingParticipants].filter((value) => value !== undefined).length;
  if (given === 0) return null;
  if (given < 3) return '听证会的日期、公告日期和参加人应一并填写';
  const ahead = Math.round((Date.parse(`${item.hearingOn}T00:00:00Z`) - Date.parse(`${item.hearingNoticeOn}T00:00:00Z`)) / 86_400_000);
  return ahead < hearingNoticeDays ? `听证公告应在听证会 ${hearingNoticeDays} 日前发布(现为 ${ahead} 日前)` : null;
}

/** Government meetings with stakeholders or the public attending: at least 3 a year (001 L390). */
export const meetingsPerYear = 3;
export const meetingShortfall = (count: number) => Math.max(0, meetingsPerYear - count);
