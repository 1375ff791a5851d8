-- Issue 9: a submission's history travels with it. The fields a submission replaced are four
-- parallel arrays on its own row (who and when are the submission's office and received_at), not
-- a row per field: writing the history cost as much as writing the figures. `figure_history` stays
-- as a view with its old columns, so that readers of the audit trail see no difference.
ALTER TABLE submissions
    ADD COLUMN changed_indicators text[],
    ADD COLUMN changed_fields     text[],
    ADD COLUMN old_values         text[],
    ADD COLUMN new_values         text[],
    ADD CONSTRAINT submissions_changes_aligned CHECK (
        cardinality(changed_fields) = cardinality(changed_indicators)
        AND cardinality(old_values) = cardinality(changed_indicators)
        AND cardinality(new_values) = cardinality(changed_indicators));

UPDATE submissions s
SET changed_indicators = h.indicators, changed_fields = h.fields, old_values = h.olds, new_values = h.news
FROM (SELECT submission_id, array_agg(indicator ORDER BY id) AS indicators, array_agg(field ORDER BY id) AS fields,
             array_agg(old_value ORDER BY id) AS olds, array_agg(new_value ORDER BY id) AS news
      FROM figure_history GROUP BY submission_id) h
WHERE s.id = h.submission_id;

DROP TABLE figure_history;

-- Every replaced value: who (office, submission), when, old and new, as written; `ordinal` orders a
-- submission's changes as it listed them.
CREATE VIEW figure_history AS
SELECT s.region, s.period, c.indicator, c.field, c.old_value, c.new_value, s.office, s.id AS submission_id,
       s.received_at AS changed_at, c.ordinal
FROM submissions s
CROSS JOIN LATERAL unnest(s.changed_indicators, s.changed_fields, s.old_values, s.new_values)
    WITH ORDINALITY AS c (indicator, field, old_value, new_value, ordinal)
WHERE s.changed_indicators IS NOT NULL;
