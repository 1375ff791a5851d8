-- Review of a month (审核, PROTOCOL.md v1.2): every approve and return, oldest first. A month's
-- state follows from its last action and the revision that action saw (a return stands until a
-- later revision is accepted): nothing else is stored, so a submission writes nothing here.
CREATE TABLE reviews (
    id        bigserial PRIMARY KEY,
    region    text NOT NULL REFERENCES regions (code),
    period    date NOT NULL,
    action    text NOT NULL CHECK (action IN ('approve', 'return')),
    office    text NOT NULL REFERENCES offices (code),
    at        timestamptz NOT NULL,
    note      text,
    -- The last accepted revision of the month when it was reviewed.
    revision  integer NOT NULL,
    CHECK (action = 'approve' OR note IS NOT NULL)
);
CREATE INDEX reviews_region_period ON reviews (region, period, id);
