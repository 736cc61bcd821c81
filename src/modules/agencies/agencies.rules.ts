/**
 * Where an agency sits, read from its full name: the jurisdiction it belongs to
 * (上海市, 上海市长宁区 …) and so the government it answers to. An agency's
 * parent is its jurisdiction's 人民政府; a district government's parent is the
 * city's. Administrators correct what the names get wrong.
 */

const jurisdiction = /^(.{1,10}?(?:省|自治区|市))(.{1,10}?(?:新区|区|县))?/;

export function jurisdictionOf(name: string): { full: string; upper: string | null } | null {
  const match = jurisdiction.exec(name);
  if (!match) return null;
  const [, top, lower] = match;
  return lower ? { full: top! + lower, upper: top! } : { full: top!, upper: null };
}

export function governmentOf(area: string): string {
  return `${area}人民政府`;
}

/** The name of the agency this one answers to, or null at the top. */
export function parentNameOf(name: string): string | null {
  const area = jurisdictionOf(name);
  if (!area) return null;
  if (name === governmentOf(area.full)) return area.upper ? governmentOf(area.upper) : null;
  return governmentOf(area.full);
}

/**
 * The other ways documents name the same agency: 上海市人民政府办公厅 is also
 * 上海市政府办公厅, and, at the top of the tree, 市政府办公厅.
 */
export function aliasesOf(name: string): string[] {
  const aliases = new Set<string>();
  const short = name.replace('人民政府', '政府');
  if (short !== name) aliases.add(short);
  const area = jurisdictionOf(name);
  if (area && !area.upper && name.startsWith(area.full) && name.length > area.full.length) {
    const level = area.full.endsWith('省') ? '省' : '市';
    aliases.add(level + short.slice(area.full.length));
  }
  aliases.delete(name);
  return [...aliases];
}
