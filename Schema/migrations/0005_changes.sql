-- The change log behind broadcast (PROTOCOL.md, "Aggregates, rankings, targets, broadcast"): one row
-- per (region, period, indicator) a committed transaction changed. `seq` is the event's sequence
-- number across every daemon on this database: rows are inserted under one global advisory lock
-- taken just before COMMIT, so seq order is commit order and a reader that has seen seq N has seen
-- everything before it. Daemons learn of new rows through NOTIFY huizong_changes (payload: the
-- highest seq of the transaction) and read the rest from here.
CREATE TABLE changes (
    seq          bigserial PRIMARY KEY,
    region       text NOT NULL,
    period       date NOT NULL,
    indicator    text NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_committed_at ON changes (committed_at);
