import type { Appointment, SourceLine } from './gazette.types.ts';
import { collapseCjkSpaces } from './text.rules.ts';

/**
 * Appointment lists (人事任免) in the three forms the gazettes print:
 * a two-column list "方 明 上海市彭浦中学校长;" under 任命职务 / 免去职务
 * (000), alternating name and post lines (001), and sentences in a notice,
 * "任命宋依佳、沈晓初为…;免去翁祖亮的…职务。" (003).
 */

const columnHeader = /^姓\s*名\s*(任\s*命\s*职\s*务|免\s*去\s*职\s*务)?$/;
const actionHeader = /^(任\s*命\s*职\s*务|免\s*去\s*职\s*务)$/;
const nameOnly = /^[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3}$/;
const nameThenPost = /^([\u4e00-\u9fff](?:\s{1,3}[\u4e00-\u9fff])|[\u4e00-\u9fff]{2,4})\s+(\S.*)$/;

function actionOf(header: string): 'appoint' | 'remove' {
  return header.replace(/\s+/g, '').startsWith('免去') ? 'remove' : 'appoint';
}

function entry(person: string, postText: string, action: 'appoint' | 'remove'): Appointment {
  let post = collapseCjkSpaces(postText).replace(/[;；。,，]+$/, '');
  const notes: string[] = [];
  let secondment: Appointment['secondment'] = null;
  for (;;) {
    const note = /[(（]([^()（）]+)[)）]$/.exec(post);
    if (!note) break;
    const content = note[1]!;
    // A parenthesis that names a rank or a sub-unit is part of the post, not a note.
    if (!/(试用期|挂职|任期|兼|聘)/.test(content)) break;
    notes.unshift(content);
    const period = /(\d{4})年(\d{1,2})月起?至(\d{4})年(\d{1,2})月/.exec(content);
    if (/挂职/.test(content)) {
      secondment = period
        ? { from: `${period[1]}-${period[2]!.padStart(2, '0')}`, to: `${period[3]}-${period[4]!.padStart(2, '0')}` }
        : { from: null, to: null };
    }
    post = post.slice(0, note.index).trim();
  }
  if (action === 'remove') post = post.replace(/职务$/, '');
  return { person: person.replace(/\s+/g, ''), post, action, notes, secondment };
}

export function readAppointments(lines: SourceLine[]): Appointment[] {
  const list = readList(lines);
  return list.length > 0 ? list : readSentences(lines);
}

function readList(lines: SourceLine[]): Appointment[] {
  const out: Appointment[] = [];
  let action: 'appoint' | 'remove' | null = null;
  let pendingName: string | null = null;
  let current: { person: string; post: string } | null = null;
  const flush = () => {
    if (current && action) out.push(entry(current.person, current.post, action));
    current = null;
  };
  for (const line of lines) {
    const text = line.text.trim();
    const header = columnHeader.exec(text);
    if (header) {
      flush();
      pendingName = null;
      if (header[1]) action = actionOf(header[1]);
      continue;
    }
    if (actionHeader.test(text)) {
      action = actionOf(text);
      continue;
    }
    if (!action) continue;
    if (pendingName !== null) {
      current = { person: pendingName, post: text };
      pendingName = null;
      flush();
      continue;
    }
    if (nameOnly.test(text) && text.replace(/\s+/g, '').length <= 4) {
      flush();
      pendingName = text;
      continue;
    }
    const pair = nameThenPost.exec(text);
    if (pair && !/^\d/.test(pair[2]!)) {
      flush();
      current = { person: pair[1]!, post: pair[2]! };
      continue;
    }
    // A post wrapped onto the next line ("年10月止);").
    if (current) (current as { post: string }).post += text;
  }
  flush();
  return out;
}

function readSentences(lines: SourceLine[]): Appointment[] {
  const out: Appointment[] = [];
  const text = lines.map((line) => collapseCjkSpaces(line.text)).join('');
  for (const sentence of text.split(/[;；。]/)) {
    const clause = sentence.replace(/^.*?[:：](?=任命|免去)/, '');
    const appoint = /^任命(.{2,60}?)为(.{2,80})$/.exec(clause);
    if (appoint) {
      for (const person of appoint[1]!.split(/[、,，]/)) out.push(entry(person, appoint[2]!, 'appoint'));
      continue;
    }
    const remove = /^免去(.{2,60}?)的(.{2,80}?)职务$/.exec(clause);
    if (remove) for (const person of remove[1]!.split(/[、,，]/)) out.push(entry(person, remove[2]!, 'remove'));
  }
  return out;
}
