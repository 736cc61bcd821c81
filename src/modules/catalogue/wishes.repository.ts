import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { WishAnswerInput, WishInput } from './wishes.actions.ts';
import type { PublishedWish, StaffWish, WishCounts, WishTracking } from './wishes.types.ts';

/** Requests for data the catalogue does not list: SQL. */

export async function insertWish(tx: Queryable, wish: WishInput & { trackingCode: string; receivedOn: string }): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into catalogue_wishes (tracking_code, title, description, purpose, agency_id, requester_name, contact, received_on, state)
    values (${wish.trackingCode}, ${wish.title}, ${wish.description}, ${wish.purpose}, ${wish.agencyId ?? null}, ${wish.name}, ${wish.contact}, ${wish.receivedOn}, 'open')
    returning id::int as id`);
  return row!.id;
}

const staffColumns = sql`
  w.id::int as id, w.tracking_code as "trackingCode", w.title, w.state, w.received_on::text as "receivedOn", w.outcome, w.answer,
  w.answered_on::text as "answeredOn", w.resource_id::int as "resourceId", w.description, w.purpose, w.agency_id::int as "agencyId",
  a.name as "agencyName", w.requester_name as "requesterName", w.contact, w.published_title as "publishedTitle"`;

export async function readWish(db: Queryable, id: number, forUpdate = false): Promise<StaffWish | null> {
  const [row] = await db.query<StaffWish>(sql`
    select ${staffColumns} from catalogue_wishes w left join agencies a on a.id = w.agency_id where w.id = ${id} ${forUpdate ? sql`for update of w` : sql``}`);
  return row ?? null;
}

/** Open ones first, oldest first; then the answered, newest first. Agency: those naming it (null: all). */
export async function listWishes(db: Queryable, agencyId: number | null, limit: number): Promise<StaffWish[]> {
  return db.query<StaffWish>(sql`
    select ${staffColumns} from catalogue_wishes w left join agencies a on a.id = w.agency_id
    where ${agencyId}::bigint is null or w.agency_id = ${agencyId}
    order by w.state = 'answered', case when w.state = 'open' then w.received_on end, w.answered_on desc, w.id desc
    limit ${limit}`);
}

export async function saveAnswer(tx: Queryable, id: number, answer: WishAnswerInput, agencyId: number, on: string): Promise<void> {
  await tx.query(sql`
    update catalogue_wishes set state = 'answered', outcome = ${answer.outcome}, answer = ${answer.answer}, published_title = ${answer.publishedTitle},
      resource_id = ${answer.resourceId ?? null}, answered_by = ${agencyId}, answered_on = ${on}
    where id = ${id}`);
}

export async function trackWish(db: Queryable, code: string): Promise<WishTracking | null> {
  const [row] = await db.query<WishTracking>(sql`
    select tracking_code as "trackingCode", title, state, received_on::text as "receivedOn", outcome, answer, answered_on::text as "answeredOn",
      resource_id::int as "resourceId"
    from catalogue_wishes where tracking_code = ${code}`);
  return row ?? null;
}

export async function publishedWishes(db: Queryable, limit: number, offset: number): Promise<PublishedWish[]> {
  return db.query<PublishedWish>(sql`
    select w.id::int as id, w.published_title as title, w.received_on::text as "receivedOn", w.outcome, w.answer, w.answered_on::text as "answeredOn",
      a.name as "answeredBy", w.resource_id::int as "resourceId"
    from catalogue_wishes w join agencies a on a.id = w.answered_by
    where w.state = 'answered'
    order by w.answered_on desc, w.id desc
    limit ${limit} offset ${offset}`);
}

export async function countWishes(db: Queryable): Promise<WishCounts> {
  const [row] = await db.query<WishCounts>(sql`
    select count(*)::int as received, count(*) filter (where state = 'answered')::int as answered, count(*) filter (where state = 'open')::int as open
    from catalogue_wishes`);
  return row!;
}

export async function wishCodesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, tracking_code as name from catalogue_wishes where id::text = any(${ids}::text[])`);
}
