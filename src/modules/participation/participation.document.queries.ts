import type { Queryable } from '../../core/db/database.ts';
import { planOnce, sql } from '../../core/db/sql.ts';
import type { DocumentPanel } from '../../core/module.ts';

/**
 * What participation adds to a document's public page: the message board
 * (answered by the drafting agency, 001 L382), and the consultation on its
 * draft or the one whose decision it is, with the feedback report once published.
 */
export async function participationPanel(db: Queryable, documentId: number): Promise<DocumentPanel> {
  const consultations = await db.query<{ id: number; title: string; decision: boolean; reportPublishedOn: string | null; closesOn: string }>(
    planOnce(sql`
      select id::int as id, title, decision_document_id = ${documentId} as decision, report_published_on::text as "reportPublishedOn", closes_on::text as "closesOn"
      from participation_consultations
      where (decision_document_id = ${documentId} or draft_document_id = ${documentId}) and opens_on <= current_date
      order by id`),
  );
  return {
    heading: '政民互动',
    links: [
      { href: `/messages/new?document=${documentId}`, label: '就本文件留言', note: '由发文机关答复' },
      ...consultations.map((consultation) =>
        consultation.decision
          ? { href: `/consultations/${consultation.id}`, label: `本文件起草时的征求意见:${consultation.title}`, note: consultation.reportPublishedOn ? `意见采纳情况已于 ${consultation.reportPublishedOn} 公布` : '意见采纳情况待公布' }
          : { href: `/consultations/${consultation.id}`, label: `征求意见:${consultation.title}`, note: `截止 ${consultation.closesOn}` },
      ),
    ],
  };
}
