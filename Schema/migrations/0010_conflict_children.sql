-- An open conflict's children are read as they stand (ConflictStore), not rewritten on every move:
-- a revision storm once recomputed every child's figure of every disputed parent in every batch.
-- The children are recorded when the conflict is resolved or closed, for the audit trail.
ALTER TABLE conflicts ALTER COLUMN child_regions DROP NOT NULL;
ALTER TABLE conflicts ALTER COLUMN child_values DROP NOT NULL;
ALTER TABLE conflicts ALTER COLUMN child_yoys DROP NOT NULL;
UPDATE conflicts SET child_regions = NULL, child_values = NULL, child_yoys = NULL WHERE state = 'open';
