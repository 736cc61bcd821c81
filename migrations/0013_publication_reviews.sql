-- Documents not disclosed proactively are reviewed again from time to time, and
-- every January against last year's list (002 L8, 001 L364): the last review.
alter table publications add column reviewed_on date;
alter table publications add column review_note text;
