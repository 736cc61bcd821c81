/** The catalogue of a year is public by 31 March of that year (001 L388). */
export const catalogueDueOn = (year: number) => `${year}-03-31`;

/** Government meetings with stakeholders or the public attending: at least 3 a year (001 L390). */
export const meetingsPerYear = 3;
export const meetingShortfall = (count: number) => Math.max(0, meetingsPerYear - count);
