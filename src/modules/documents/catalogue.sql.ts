import { joinSql, sql, type SqlFragment } from '../../core/db/sql.ts';
import { topics } from './catalogue.rules.ts';

/**
 * A document's subject category (主题分类) in SQL, from the same rules as
 * topicOf: the title without its issuer's name and without 人民政府, tested
 * against each rule's words in turn. The rules' patterns are plain enough
 * (alternatives and one lookbehind) to mean the same to PostgreSQL's regular
 * expressions. Computed, not stored: a change of rules needs no migration.
 * `alias` names a row with display_title and issuer (documents).
 */
export function subjectOf(alias = sql`d`): SqlFragment {
  const subject = sql`replace(case when ${alias}.issuer is not null and left(${alias}.display_title, char_length(${alias}.issuer)) = ${alias}.issuer
    then substr(${alias}.display_title, char_length(${alias}.issuer) + 1) else ${alias}.display_title end, '人民政府', '')`;
  const [fallback] = topics.slice(-1);
  const tests = topics.slice(0, -1).map((rule) => sql`when s.text ~ ${rule.words.source}::text then ${rule.topic}::text`);
  return sql`(select case ${joinSql(tests, sql` `)} else ${fallback!.topic}::text end from (select ${subject} as text) s)`;
}
