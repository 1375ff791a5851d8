-- PROTOCOL v1.2: `completeness` may name an indicator: each child is then on time, late or missing
-- by the first accepted submission that listed it. A figure keeps when it was first received: set
-- by its insert (the statement's time, as its submission's received_at), never by the upserts that
-- replace it. Rows written before this migration take their current submission's time (for a
-- figure never revised, that is exact).
ALTER TABLE figures ADD COLUMN first_received_at timestamptz;
UPDATE figures f SET first_received_at = s.received_at FROM submissions s WHERE s.id = f.submission_id;
UPDATE figures SET first_received_at = now() WHERE first_received_at IS NULL;
ALTER TABLE figures ALTER COLUMN first_received_at SET DEFAULT now(), ALTER COLUMN first_received_at SET NOT NULL;
