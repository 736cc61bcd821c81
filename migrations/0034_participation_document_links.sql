-- A document's page asks whether a consultation produced it or consults on it:
-- both look-ups by document, on every document page.
create index participation_consultations_decision_idx on participation_consultations (decision_document_id) where decision_document_id is not null;
create index participation_consultations_draft_idx on participation_consultations (draft_document_id) where draft_document_id is not null;
