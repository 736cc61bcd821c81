import { joinSql, sql, type SqlFragment } from '../../core/db/sql.ts';
import { topics } from './catalogue.rules.ts';
import { platformFilePrefix } from './documents.rules.ts';

/**
 * A document's subject category (主题分类) in SQL, from the same rules as
 * topicOf: the title without its issuer's name and without 人民政府, tested
 * against each rule's words in turn. The rules' patterns are plain enough
 * (alternatives and one lookbehind) to mean the same to PostgreSQL's regular
 * expressions. Computed, not stored: a change of rules needs no migration;
 * only a subject chosen when publishing on the platform is stored (documents.subject).
 * `alias` names a row with display_title and issuer (documents).
 */
export function subjectOf(alias = sql`d`): SqlFragment {
  const subject = sql`replace(case when ${alias}.issuer is not null and left(${alias}.display_title, char_length(${alias}.issuer)) = ${alias}.issuer
    then substr(${alias}.display_title, char_length(${alias}.issuer) + 1) else ${alias}.display_title end, '人民政府', '')`;
  const [fallback] = topics.slice(-1);
  const tests = topics.slice(0, -1).map((rule) => sql`when s.text ~ ${rule.words.source}::text then ${rule.topic}::text`);
  // A subject the publishing agency chose (stored with the document) comes first.
  return sql`coalesce(${alias}.subject, (select case ${joinSql(tests, sql` `)} else ${fallback!.topic}::text end from (select ${subject} as text) s))`;
}

const platformKeyPrefix = `file:${platformFilePrefix}`;

/** Whether the file (`s`, source_files) is a publication's text, written by the platform. */
export function isPlatformFile(s = sql`s`): SqlFragment {
  return sql`starts_with(${s}.source_key, ${platformKeyPrefix}::text)`;
}

/** The agency that published the file (`s`) on the platform; null for any other file. */
export function platformAgencyOf(s = sql`s`): SqlFragment {
  return sql`(select a.name from publications p join agencies a on a.id = p.agency_id where ${s}.source_key = ${platformKeyPrefix}::text || p.id::text)`;
}

/** The day (in China) the file (`s`) first went public on the platform; null for any other file. */
export function platformReleasedOn(s = sql`s`): SqlFragment {
  return sql`(select min(v.published_on) from publication_versions v where ${s}.source_key = ${platformKeyPrefix}::text || v.publication_id::text)`;
}

/**
 * 来源 as the public reads it: the gazette issue, or for a text published on
 * the platform its agency and 本平台发布 (never the platform's own file name),
 * else the file's name. `d`, `s`, `g`: documents, source_files, gazette_issues.
 */
export function sourceOf(s = sql`s`, g = sql`g`): SqlFragment {
  return sql`case when ${isPlatformFile(s)} then coalesce(${platformAgencyOf(s)} || ' ', '') || '本平台发布'
    else coalesce(${g}.title || ' ' || ${g}.issue, ${s}.file_name) end`;
}

/**
 * 发布日期: the day a document went public — on the platform, the day its
 * publication was published; from a gazette, the issue's date when known;
 * else the document's own date.
 */
export function releasedOn(d = sql`d`, s = sql`s`, g = sql`g`): SqlFragment {
  return sql`coalesce(${platformReleasedOn(s)}, ${g}.published_on, ${d}.signed_on)`;
}

/** The issuer of the policy an interpretation (`d`) interprets; an interpretation names none of its own. */
export function interpretedIssuerOf(d = sql`d`): SqlFragment {
  return sql`(select t.issuer from document_relations r join documents t on t.id = r.target_document_id
    where r.document_id = ${d}.id and r.kind = 'interprets' and t.issuer is not null order by r.id limit 1)`;
}
