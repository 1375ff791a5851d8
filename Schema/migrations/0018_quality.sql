-- Data quality (PROTOCOL.md v1.2). Bounds an office above a region sets on a field of one of its
-- indicators (DHIS2's min-max): a figure outside them is accepted with a warning.
CREATE TABLE bounds (
    region    text NOT NULL REFERENCES regions (code),
    indicator text NOT NULL REFERENCES indicators (code),
    field     text NOT NULL CHECK (field IN ('ytd', 'month', 'value', 'yoy')),
    min       numeric,
    max       numeric,
    set_by    text NOT NULL REFERENCES offices (code),
    set_at    timestamptz NOT NULL,
    PRIMARY KEY (region, indicator, field),
    CHECK (min IS NOT NULL OR max IS NOT NULL)
);

-- The flags a stored figure carries (outlier against its region's 24 months before, outside its
-- bounds), decided with the revision that wrote it and replaced by the next: what `outliers` lists
-- and `query` objects show. Most figures have none, so a figure without flags writes nothing here.
CREATE TABLE figure_flags (
    region    text NOT NULL,
    period    date NOT NULL,
    indicator text NOT NULL,
    code      text NOT NULL CHECK (code IN ('outlier', 'outside_bounds')),
    field     text NOT NULL,
    value     numeric NOT NULL,
    median    numeric,
    score     numeric,
    min       numeric,
    max       numeric,
    PRIMARY KEY (region, period, indicator, code, field)
);
CREATE INDEX figure_flags_period ON figure_flags (period, region);
