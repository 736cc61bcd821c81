-- The published-message list filtered by kind or by the answering agency:
-- each filter walks its own index newest first, and its count (up to the
-- list's count limit) reads the index alone. Measured by bench:participation.
create index participation_messages_published_kind_idx on participation_messages (kind, published_at desc, id desc) where state = 'published';
create index participation_messages_published_replier_idx on participation_messages (replied_by, published_at desc, id desc) where state = 'published';

-- What a word filter reads, stored once instead of put together for every row at every search.
alter table participation_messages add column published_text text
  generated always as (published_subject || ' ' || published_body || ' ' || published_reply) stored;
