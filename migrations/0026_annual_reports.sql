-- The annual report on government information disclosure (政府信息公开工作年度报告,
-- 《政府信息公开条例》第四十九、五十条), one per agency and year, in the national
-- format of its year. The tables are computed from live data while it is a
-- draft; what the agency writes (the text sections) and enters (licences,
-- penalties, enforcement, fees …) is kept here. Publishing freezes the whole
-- report as it was read, so a published report never changes under its readers.
create table annual_reports (
  id bigint generated always as identity primary key,
  agency_id bigint not null references agencies (id),
  year integer not null check (year between 2008 and 2100),
  format text not null check (format in ('2019', '2021')),
  -- Section texts: overall (一), problems (五), other (六), fees (六, 2021).
  texts jsonb not null default '{}',
  -- Figures the agency enters, by the field names of its format.
  entered jsonb not null default '{}',
  state text not null default 'draft' check (state in ('draft', 'published')),
  published_on date,
  published_by text,
  -- The report as published: sections, tables and checks.
  published jsonb,
  updated_at timestamptz not null default now(),
  unique (agency_id, year)
);
create index annual_reports_published_idx on annual_reports (year, agency_id) where state = 'published';
