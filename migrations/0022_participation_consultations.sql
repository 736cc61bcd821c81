-- Consultations on drafts (公开征求意见): the draft, its explanation and the
-- window; comments from anyone (name and contact private), moderated before
-- they are public; the decision document they led to and the feedback report
-- due within 10 working days of its issue (001 L392, 002 L10-11).
create table participation_consultations (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  title text not null,
  -- The draft: its text (articles one per paragraph), and/or a document of the library.
  draft_text text,
  draft_document_id bigint references documents (id) on delete set null,
  explanation text not null,
  how_to_comment text not null,
  -- The window, both days included.
  opens_on date not null,
  closes_on date not null check (closes_on >= opens_on),
  -- Why the window is shorter than the rule (participation.comment_period), published with the draft.
  short_window_reason text,
  -- The decision document issued after the consultation, and its issue date (day zero of the report's clock).
  decision_document_id bigint references documents (id) on delete set null,
  decision_issued_on date,
  -- The feedback report (意见采纳情况): what was collected, what was adopted, why common suggestions were not.
  report_summary text,
  report_adopted text,
  report_not_adopted text,
  report_published_on date,
  created_at timestamptz not null default now()
);
create index participation_consultations_agency_idx on participation_consultations (agency_id, closes_on desc);

create table participation_comments (
  id bigserial primary key,
  consultation_id bigint not null references participation_consultations (id),
  -- The article or paragraph commented on (第三条), or null for the whole draft.
  article text,
  body text not null,
  -- Private: the consulting agency's staff only.
  sender_name text not null,
  sender_contact text not null,
  state text not null check (state in ('pending', 'published', 'rejected')),
  -- The moderated text the public reads (personal data and abuse removed); the original stays above.
  published_body text,
  adoption text check (adoption in ('adopted', 'partly_adopted', 'not_adopted')),
  adoption_reason text,
  theme text,
  received_on date not null,
  created_at timestamptz not null default now()
);
create index participation_comments_consultation_idx on participation_comments (consultation_id, id);

-- The catalogue of major administrative decisions (重大行政决策事项目录, 001 L388):
-- per agency and year, published by 31 March; every change after publication
-- is a new version with its reason, shown publicly.
create table participation_decision_catalogues (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  year integer not null check (year between 2000 and 2100),
  version integer not null default 0,
  published_on date,
  created_at timestamptz not null default now(),
  unique (agency_id, year)
);

create table participation_decision_items (
  id bigserial primary key,
  catalogue_id bigint not null references participation_decision_catalogues (id),
  title text not null,
  deciding_body text not null,
  planned_on date,
  draft text,
  background text not null,
  opinion_method text not null,
  consultation_id bigint references participation_consultations (id),
  -- A hearing, if one was held: its day, the day it was announced (10 days ahead at least), who took part.
  hearing_on date,
  hearing_notice_on date,
  hearing_participants text,
  meeting text,
  result_document_id bigint references documents (id) on delete set null,
  withdrawn boolean not null default false,
  created_at timestamptz not null default now()
);
create index participation_decision_items_catalogue_idx on participation_decision_items (catalogue_id, id);

-- What changed after publication, and why: the public history of a catalogue.
create table participation_decision_changes (
  id bigserial primary key,
  catalogue_id bigint not null references participation_decision_catalogues (id),
  version integer not null,
  changed_on date not null,
  change text not null,
  reason text not null,
  created_at timestamptz not null default now()
);
create index participation_decision_changes_catalogue_idx on participation_decision_changes (catalogue_id, version);

-- Government meetings with stakeholders or the public attending (利益相关方、公众代表列席, at least 3 a year: 001 L390).
create table participation_meetings (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  held_on date not null,
  title text not null,
  attendees text not null,
  created_at timestamptz not null default now()
);
create index participation_meetings_agency_idx on participation_meetings (agency_id, held_on);
