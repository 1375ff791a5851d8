-- Period locks (PROTOCOL.md, "lock"/"unlock"): while a region's period is locked, submissions for it
-- and every region under it in that period are refused with period_locked. A lock takes the
-- advisory lock of (region, period) that every writing transaction under it also takes, so a
-- submission either commits before the lock or is refused after it.
CREATE TABLE period_locks (
    region    text NOT NULL REFERENCES regions (code),
    period    date NOT NULL,
    locked_by text NOT NULL REFERENCES offices (code),
    locked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, period)
);

-- Who locked and unlocked what, when.
CREATE TABLE lock_history (
    id        bigserial PRIMARY KEY,
    region    text NOT NULL,
    period    date NOT NULL,
    action    text NOT NULL CHECK (action IN ('lock', 'unlock')),
    office    text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
