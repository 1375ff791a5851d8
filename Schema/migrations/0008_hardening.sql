-- Issue 8 (hardening).

-- How far the change log has been pruned: a subscriber whose `since` is older than this would miss
-- events, and is told `since_expired` instead of a silent gap. One row.
CREATE TABLE change_log_horizon (
    only_row       boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    pruned_through bigint NOT NULL
);
INSERT INTO change_log_horizon (pruned_through) VALUES (0);

-- `completeness` looks up the first submission of each child for a period.
CREATE INDEX submissions_region_period ON submissions (region, period, received_at);
