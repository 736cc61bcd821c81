-- The original files, kept as received and addressed by their content
-- (sha256): every ingested source file and every annex uploaded with a
-- publication. Bytes live in the database, so both engines keep them and a
-- backup carries them; one row per distinct content, however often it comes.
create table stored_files (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  media_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  bytes bytea not null,
  stored_at timestamptz not null default now()
);

-- Annexes (附件) uploaded with a publication, in order, under the names they were uploaded with.
create table publication_annexes (
  publication_id bigint not null references publications (id) on delete cascade,
  position integer not null check (position >= 1),
  name text not null,
  sha256 text not null references stored_files (sha256),
  primary key (publication_id, position)
);

-- What the drafter declares: the subject category (主题分类) and the period of effect.
alter table publications add column subject text;
alter table publications add column effective_on date;
alter table publications add column expires_on date;
alter table publications add constraint publications_period_check check (expires_on is null or effective_on is null or expires_on > effective_on);

-- A subject chosen by the publishing agency; null means the one computed from the title.
alter table documents add column subject text;
