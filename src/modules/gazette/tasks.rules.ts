import type { Block, TaskTag } from './gazette.types.ts';
import { splitUnits } from './text.rules.ts';

/**
 * Task tags: the units a policy makes lead or responsible for each measure —
 * "(牵头部门:…;责任部门:…)" (000), "(责任单位:…)" (001), "(市商务委等相关部门牵头)"
 * (003), bare "(法制处、人事处)" after a measure (002), "(完成时限:…;责任单位:…)"
 * (004), and tables with 牵头部门 / 负责单位 columns (003).
 */

const trailingTag = /[(（]([^()（）]{2,200})[)）]\s*[。;；]?\s*$/;
const unitWord = /(处|室|局|委|办|中心|总队|分局|支队|大队|股|科|院|所|厅|部|会|政府|单位|机构)$/;

function parseTag(content: string): Omit<TaskTag, 'anchor' | 'text'> | null {
  const fields = new Map<string, string>();
  for (const part of content.split(/[;；]/)) {
    const kv = /^\s*([\u4e00-\u9fff]{2,6})[:：]\s*(.+)$/.exec(part);
    if (kv) fields.set(kv[1]!, kv[2]!.trim());
  }
  if (fields.size > 0) {
    const lead = fields.get('牵头部门') ?? fields.get('牵头单位') ?? null;
    const responsible = fields.get('责任部门') ?? fields.get('责任单位') ?? fields.get('参加单位') ?? fields.get('配合单位') ?? null;
    const due = fields.get('完成时限') ?? fields.get('责任时限') ?? fields.get('时限') ?? null;
    if (!lead && !responsible && !due) return null;
    return { lead: lead ? splitUnits(lead) : [], responsible: responsible ? splitUnits(responsible) : [], due };
  }
  const led = /^(.+?)(?:等(?:相关|有关)?(?:部门|单位))?(牵头|负责)$/.exec(content);
  if (led) {
    const units = splitUnits(led[1]!);
    return led[2] === '牵头' ? { lead: units, responsible: [], due: null } : { lead: [], responsible: units, due: null };
  }
  const units = splitUnits(content);
  if (units.length > 0 && units.every((unit) => unitWord.test(unit) || /^各(有关)?/.test(unit))) {
    return { lead: [], responsible: units, due: null };
  }
  return null;
}

export function readTasks(blocks: Block[]): TaskTag[] {
  const tasks: TaskTag[] = [];
  let anchor: string | null = null;
  for (const block of blocks) {
    if (block.kind === 'heading' || (block.kind === 'paragraph' && block.label)) anchor = block.label ?? anchor;
    if (block.kind === 'table' && block.rows) {
      tasks.push(...readTableTasks(block.rows));
      continue;
    }
    // PDF text may carry several tagged measures in one paragraph.
    for (const sentence of block.text.split(/(?<=[)）])\s*(?=[(（][一二三四五六七八九十]+[)）])/)) {
      const match = trailingTag.exec(sentence);
      if (!match) continue;
      const tag = parseTag(match[1]!);
      if (!tag) continue;
      tasks.push({ anchor: block.label ?? anchor, text: sentence.slice(0, match.index).trim(), ...tag });
    }
  }
  return tasks;
}

function readTableTasks(rows: string[][]): TaskTag[] {
  const header = rows[0] ?? [];
  const column = (pattern: RegExp) => header.findIndex((cell) => pattern.test(cell));
  const leadColumn = column(/牵头/);
  const responsibleColumn = column(/(负责|责任)(部门|单位)/);
  if (leadColumn === -1 && responsibleColumn === -1) return [];
  const tasks: TaskTag[] = [];
  for (const row of rows.slice(1)) {
    if (row.length < 2) continue;
    const lead = leadColumn >= 0 ? splitUnits(row[leadColumn] ?? '') : [];
    const responsible = responsibleColumn >= 0 ? splitUnits(row[responsibleColumn] ?? '') : [];
    if (lead.length === 0 && responsible.length === 0) continue;
    const text = row.filter((cell, index) => cell && index !== leadColumn && index !== responsibleColumn).join(' ');
    tasks.push({ anchor: /^\d+/.exec(row[0] ?? '')?.[0] ?? null, text, lead, responsible, due: null });
  }
  return tasks;
}
