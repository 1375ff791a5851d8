-- Issue 9: the writer decides every submission itself, under locks, and writes each table once per
-- batch (Sources/HuizongCore/BatchPlan.swift, Sources/HuizongStore/BatchStore.swift).

-- Decisions are made under the batch's advisory locks, so neither the per-call function nor the
-- version check of a region's year is needed any more.
DROP FUNCTION huizong_submit(text, text, bytea, text, date, integer, bigint, text[], numeric[], numeric[],
                             numeric[], numeric[], numeric[], numeric[], text[]);
DROP TABLE region_years;

-- Integrity of figures and aggregates: their regions and indicators come from the catalog and the
-- region tree the daemon validated them against (and that are never deleted); `submissions` keeps
-- its foreign keys, so every stored figure traces back to a known office and region. Checking them
-- again row by row in the hot tables cost as much as storing the rows.
ALTER TABLE figures DROP CONSTRAINT IF EXISTS figures_region_fkey;
ALTER TABLE figures DROP CONSTRAINT IF EXISTS figures_indicator_fkey;
ALTER TABLE aggregates DROP CONSTRAINT IF EXISTS aggregates_region_fkey;
ALTER TABLE aggregates DROP CONSTRAINT IF EXISTS aggregates_indicator_fkey;

-- The change log, one row per (transaction, region, period): its events are the row's indicators,
-- numbered seq_first … seq_last in order. A national year of county figures is some 50,000 rows
-- instead of a million. Numbers come from one counter row, updated last in every writing
-- transaction: its row lock is held until COMMIT, so seq order is commit order across daemons.
ALTER TABLE changes RENAME TO changes_v1;
DROP INDEX changes_committed_at;
CREATE TABLE changes (
    seq_last     bigint PRIMARY KEY,
    seq_first    bigint NOT NULL,
    region       text NOT NULL,
    period       date NOT NULL,
    indicators   text[] NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT now(),
    CHECK (seq_last = seq_first + cardinality(indicators) - 1)
);
INSERT INTO changes (seq_last, seq_first, region, period, indicators, committed_at)
SELECT seq, seq, region, period, ARRAY[indicator], committed_at FROM changes_v1;
CREATE INDEX changes_region_seq ON changes (region, seq_last);
CREATE INDEX changes_committed_at ON changes (committed_at);

CREATE TABLE change_counter (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    seq      bigint NOT NULL
);
-- Past every number ever handed out, committed or not.
INSERT INTO change_counter (seq)
SELECT greatest((SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM changes_seq_seq),
                (SELECT coalesce(max(seq_last), 0) FROM changes),
                (SELECT pruned_through FROM change_log_horizon));
DROP TABLE changes_v1;  -- and its sequence
