-- 索引号 is agency code / year - serial, the serial counted per issuer and year
-- (it was the global document id). A document's number is given once, in the
-- transaction that first writes it, and kept: the issuer (an interpretation's
-- is its policy's) and year it was counted under, and its serial. The counter
-- row of an issuer and year is locked while numbers are taken from it.
create table index_number_counters (
  issuer text not null,
  year integer not null,
  last_serial integer not null,
  primary key (issuer, year)
);

alter table documents add column index_issuer text;
alter table documents add column index_year integer;
alter table documents add column index_serial integer;

-- Documents already in the library, numbered by the day they went public, then id.
with keyed as (
  select d.id,
         coalesce(d.issuer, (select t.issuer from document_relations r join documents t on t.id = r.target_document_id
                             where r.document_id = d.id and r.kind = 'interprets' and t.issuer is not null order by r.id limit 1), '') as issuer,
         coalesce((select min(v.published_on) from publication_versions v where s.source_key = 'file:publication-' || v.publication_id::text),
                  g.published_on, d.signed_on, (d.created_at at time zone 'Asia/Shanghai')::date) as day
  from documents d
  join source_files s on s.id = d.source_file_id
  left join gazette_issues g on g.id = d.gazette_issue_id
), numbered as (
  select id, issuer, extract(year from day)::int as year,
         row_number() over (partition by issuer, extract(year from day) order by day, id)::int as serial
  from keyed
)
update documents d set index_issuer = n.issuer, index_year = n.year, index_serial = n.serial
from numbered n where n.id = d.id;

insert into index_number_counters (issuer, year, last_serial)
select index_issuer, index_year, max(index_serial) from documents where index_serial is not null group by index_issuer, index_year;

create unique index documents_index_number_idx on documents (index_issuer, index_year, index_serial);
