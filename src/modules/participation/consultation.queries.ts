import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { CommentCounts, PublicComment } from './consultation.types.ts';

/** A consultation as listed: the public list (GET /api/consultations) and the staff's, with the report's clock. */
export interface ConsultationSummary {
  id: number;
  title: string;
  agencyId: number;
  agencyName: string;
  opensOn: string;
  closesOn: string;
  commentCount: number;
  pendingCount: number;
  reportPublishedOn: string | null;
  decisionIssuedOn: string | null;
  reportDueOn: string | null;
}

/** Every consultation (of one agency when given), the latest window first. */
export async function findConsultations(db: Queryable, agencyId: number | null): Promise<ConsultationSummary[]> {
  return db.query<ConsultationSummary>(sql`
    select c.id::int as id, c.title, c.agency_id::int as "agencyId", a.name as "agencyName", c.opens_on::text as "opensOn", c.closes_on::text as "closesOn",
      (select count(*)::int from participation_comments m where m.consultation_id = c.id) as "commentCount",
      (select count(*)::int from participation_comments m where m.consultation_id = c.id and m.state = 'pending') as "pendingCount",
      c.report_published_on::text as "reportPublishedOn", c.decision_issued_on::text as "decisionIssuedOn", k.due_on::text as "reportDueOn"
    from participation_consultations c
    join agencies a on a.id = c.agency_id
    left join clocks k on k.subject_type = 'participation_consultation' and k.subject_id = c.id and k.purpose = 'feedback'
    where ${agencyId === null ? sql`true` : sql`c.agency_id = ${agencyId}`}
    order by c.closes_on desc, c.id desc
    limit 500`);
}

/** The moderated comments anyone reads, in the order they came. */
export async function findPublicComments(db: Queryable, consultationId: number): Promise<PublicComment[]> {
  return db.query<PublicComment>(sql`
    select article, published_body as body, received_on::text as "receivedOn", adoption, adoption_reason as "adoptionReason", draft_version as "draftVersion"
    from participation_comments where consultation_id = ${consultationId} and state = 'published' order by id`);
}

/** The counts the feedback report states. */
export async function countComments(db: Queryable, consultationId: number): Promise<CommentCounts> {
  const [row] = await db.query<CommentCounts>(sql`
    select count(*)::int as total, count(*) filter (where state = 'published')::int as published,
      count(*) filter (where adoption = 'adopted')::int as adopted, count(*) filter (where adoption = 'partly_adopted')::int as "partlyAdopted",
      count(*) filter (where adoption = 'not_adopted')::int as "notAdopted"
    from participation_comments where consultation_id = ${consultationId}`);
  return row!;
}
