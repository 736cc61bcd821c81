-- A consultation's draft may be revised while it is open (issue 14: "the
-- draft (versions …)"): every version is kept with the reason for the change,
-- shown publicly, and each comment records the version it was made on.
alter table participation_consultations add column draft_version integer not null default 1;
alter table participation_comments add column draft_version integer not null default 1;

create table participation_draft_versions (
  consultation_id bigint not null references participation_consultations (id) on delete cascade,
  version integer not null,
  draft_text text,
  reason text not null,
  revised_on date not null,
  primary key (consultation_id, version)
);
insert into participation_draft_versions (consultation_id, version, draft_text, reason, revised_on)
  select id, 1, draft_text, '首次公开', opens_on from participation_consultations;
