import type { SupervisionEvent, TaskRow } from './supervision.types.ts';

/** Working days the agencies have to answer a supervision notice in writing. */
export const noticeAnswerWorkingDays = 5;

/** A supervision notice (督办单) as printed: its number, the agencies it goes to, the late task, what is asked and by when. */
export interface SupervisionNotice {
  title: string;
  number: string;
  level: number;
  addressee: string;
  paragraphs: string[];
  issuer: string;
  date: string;
  answerBy: string;
}

const chineseDate = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** The number of the level-th notice on a task, the same on the console's page and the PDF. */
export const noticeNumberOf = (taskId: number, level: number, onDate: string) => `督〔${onDate.slice(0, 4)}〕${taskId}-${level}号`;

/**
 * The notice's text from the task and the notice as recorded: the first
 * names the late task and asks for a written answer; a second or later one
 * recalls the earlier notices and escalates to the agencies' principal heads.
 */
export function supervisionNoticeOf(task: TaskRow, notice: SupervisionEvent, earlier: SupervisionEvent[], answerBy: string): SupervisionNotice {
  const level = Number(notice.details.level);
  const names = (role: 'lead' | 'responsible') => task.agencies.filter((a) => a.role === role).map((a) => a.name);
  const addressees = [...names('lead'), ...names('responsible')];
  const source = task.documentTitle ? `《${task.documentTitle}》${task.documentNumber ? `(${task.documentNumber})` : ''}交办的` : '交办的';
  const late = task.dueOn < notice.onDate ? `已逾期 ${Math.round((Date.parse(notice.onDate) - Date.parse(task.dueOn)) / 86_400_000)} 天` : '即将到期';
  const paragraphs = [
    `${source}任务“${task.text}”(牵头单位:${names('lead').join('、') || '—'};责任单位:${names('responsible').join('、') || '—'}),完成期限为${chineseDate(task.dueOn)},截至${chineseDate(notice.onDate)}尚未办结(完成进度 ${task.progress}%),${late}。`,
    `督办要求:${String(notice.details.requirement ?? '')}`,
    `请于${chineseDate(answerBy)}前将办理情况和整改措施书面报送督查部门。`,
  ];
  if (level > 1) {
    paragraphs.splice(
      2,
      0,
      `此前已于${earlier.map((e) => chineseDate(e.onDate)).join('、')}发出督办单,任务仍未办结。现升级督办(第 ${level} 次),请各单位主要负责人亲自过问、督促落实;逾期仍未办结的,将予以通报并纳入绩效考核。`,
    );
  }
  return {
    title: level === 1 ? '督办单' : `督办单(第 ${level} 次·升级督办)`,
    number: noticeNumberOf(task.id, level, notice.onDate),
    level,
    addressee: `${addressees.join('、') || '有关单位'}:`,
    paragraphs,
    issuer: notice.agencyName ?? '督查部门',
    date: chineseDate(notice.onDate),
    answerBy,
  };
}
