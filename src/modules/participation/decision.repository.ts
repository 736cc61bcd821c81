import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { DecisionItemInput, MeetingInput } from './decision.actions.ts';
import type { DecisionCatalogue, DecisionChange, DecisionItem } from './decision.types.ts';

const catalogueColumns = sql`
  k.id::int as id, k.agency_id::int as "agencyId", a.name as "agencyName", k.year, k.version, k.published_on::text as "publishedOn",
  (k.year::text || '-03-31') as "dueOn"`;

export async function insertCatalogue(tx: Queryable, agencyId: number, year: number): Promise<number | null> {
  const rows = await tx.query<{ id: number }>(sql`
    insert into participation_decision_catalogues (agency_id, year) values (${agencyId}, ${year})
    on conflict (agency_id, year) do nothing returning id::int as id`);
  return rows[0]?.id ?? null;
}

export async function readCatalogue(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<DecisionCatalogue | null> {
  const [row] = await db.query<DecisionCatalogue>(sql`
    select ${catalogueColumns} from participation_decision_catalogues k join agencies a on a.id = k.agency_id
    where k.id = ${id}${options.lock ? sql` for update of k` : sql``}`);
  return row ?? null;
}

/** Catalogues, the latest year first: one agency's, or every agency's; only the published ones when asked. */
export async function findCatalogues(db: Queryable, filter: { agencyId?: number | null; year?: number; publishedOnly: boolean }): Promise<DecisionCatalogue[]> {
  return db.query<DecisionCatalogue>(sql`
    select ${catalogueColumns} from participation_decision_catalogues k join agencies a on a.id = k.agency_id
    where ${filter.agencyId == null ? sql`true` : sql`k.agency_id = ${filter.agencyId}`}
      and ${filter.year === undefined ? sql`true` : sql`k.year = ${filter.year}`}
      and ${filter.publishedOnly ? sql`k.published_on is not null` : sql`true`}
    order by k.year desc, a.name
    limit 500`);
}

export async function readItems(db: Queryable, catalogueId: number): Promise<DecisionItem[]> {
  return db.query<DecisionItem>(sql`
    select i.id::int as id, i.title, i.deciding_body as "decidingBody", i.planned_on::text as "plannedOn", i.draft, i.background,
      i.opinion_method as "opinionMethod", i.consultation_id::int as "consultationId", c.title as "consultationTitle", i.meeting,
      case when i.hearing_on is null then null else json_build_object('on', i.hearing_on::text, 'noticeOn', i.hearing_notice_on::text, 'participants', i.hearing_participants) end as hearing,
      i.result_document_id::int as "resultDocumentId", d.display_title as "resultDocumentTitle", i.withdrawn
    from participation_decision_items i
    left join participation_consultations c on c.id = i.consultation_id
    left join documents d on d.id = i.result_document_id
    where i.catalogue_id = ${catalogueId} order by i.id`);
}

export async function insertItem(tx: Queryable, catalogueId: number, item: DecisionItemInput): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into participation_decision_items (catalogue_id, title, deciding_body, planned_on, draft, background, opinion_method, consultation_id,
      hearing_on, hearing_notice_on, hearing_participants, meeting, result_document_id)
    values (${catalogueId}, ${item.title}, ${item.decidingBody}, ${item.plannedOn ?? null}, ${item.draft ?? null}, ${item.background}, ${item.opinionMethod},
      ${item.consultationId ?? null}, ${item.hearingOn ?? null}, ${item.hearingNoticeOn ?? null}, ${item.hearingParticipants ?? null}, ${item.meeting ?? null}, ${item.resultDocumentId ?? null})
    returning id::int as id`);
  return row!.id;
}

export async function updateItem(tx: Queryable, itemId: number, item: DecisionItemInput): Promise<void> {
  await tx.query(sql`
    update participation_decision_items set title = ${item.title}, deciding_body = ${item.decidingBody}, planned_on = ${item.plannedOn ?? null}::date,
      draft = ${item.draft ?? null}::text, background = ${item.background}, opinion_method = ${item.opinionMethod}, consultation_id = ${item.consultationId ?? null}::bigint,
      hearing_on = ${item.hearingOn ?? null}::date, hearing_notice_on = ${item.hearingNoticeOn ?? null}::date, hearing_participants = ${item.hearingParticipants ?? null}::text,
      meeting = ${item.meeting ?? null}::text, result_document_id = ${item.resultDocumentId ?? null}::bigint
    where id = ${itemId}`);
}

export async function withdrawItem(tx: Queryable, itemId: number): Promise<void> {
  await tx.query(sql`update participation_decision_items set withdrawn = true where id = ${itemId}`);
}

/** Publishes the catalogue (version 1) or records a published change (the next version, with its reason). */
export async function publishCatalogue(tx: Queryable, id: number, on: string): Promise<void> {
  await tx.query(sql`update participation_decision_catalogues set published_on = ${on}, version = 1 where id = ${id}`);
}

export async function recordChange(tx: Queryable, id: number, change: { on: string; change: string; reason: string }): Promise<number> {
  const [row] = await tx.query<{ version: number }>(sql`update participation_decision_catalogues set version = version + 1 where id = ${id} returning version`);
  await tx.query(sql`
    insert into participation_decision_changes (catalogue_id, version, changed_on, change, reason)
    values (${id}, ${row!.version}, ${change.on}, ${change.change}, ${change.reason})`);
  return row!.version;
}

export async function readChanges(db: Queryable, catalogueId: number): Promise<DecisionChange[]> {
  return db.query<DecisionChange>(sql`
    select version, changed_on::text as "changedOn", change, reason from participation_decision_changes where catalogue_id = ${catalogueId} order by version`);
}

export async function insertMeeting(tx: Queryable, agencyId: number, meeting: MeetingInput): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into participation_meetings (agency_id, held_on, title, attendees) values (${agencyId}, ${meeting.heldOn}, ${meeting.title}, ${meeting.attendees})
    returning id::int as id`);
  return row!.id;
}

/** Catalogues by id as the audit log names them. */
export async function catalogueNamesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`
    select k.id::text as id, a.name || ' ' || k.year::text || '年重大行政决策事项目录' as name
    from participation_decision_catalogues k join agencies a on a.id = k.agency_id where k.id::text = any(${ids}::text[])`);
}
