-- The assessment (考核评估, 003 L931-945; 001 L436): a scoring scheme per year
-- as data (dimensions, indicators, points, how each is measured), versioned;
-- assessors' judgements of the indicators Gongkai cannot count, each with its
-- evidence; adjustments with a reason; and the results as published.
create table assessment_schemes (
  id bigint generated always as identity primary key,
  year integer not null,
  version integer not null,
  definition jsonb not null,
  reason text not null,
  changed_by text not null,
  changed_at timestamptz not null default now(),
  unique (year, version)
);

create table assessment_judgements (
  id bigint generated always as identity primary key,
  year integer not null,
  agency_id bigint not null references agencies (id),
  indicator text not null,
  points numeric(6, 2) not null,
  evidence text not null,
  judged_by text not null,
  judged_at timestamptz not null default now(),
  unique (year, agency_id, indicator)
);

create table assessment_adjustments (
  id bigint generated always as identity primary key,
  year integer not null,
  agency_id bigint not null references agencies (id),
  points numeric(6, 2) not null,
  reason text not null,
  adjusted_by text not null,
  adjusted_at timestamptz not null default now()
);
create index assessment_adjustments_year_idx on assessment_adjustments (year, agency_id);

-- Results are published for a government and the agencies under it, once a year.
create table assessment_results (
  id bigint generated always as identity primary key,
  year integer not null,
  root_agency_id bigint not null references agencies (id),
  published_on date not null,
  published_by text not null,
  results jsonb not null,
  unique (year, root_agency_id)
);
