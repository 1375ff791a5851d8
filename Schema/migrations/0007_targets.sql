-- Annual targets (PROTOCOL.md, "Targets"): a level (ytd by year end) or a growth (yoy) per region,
-- year and indicator, set by a city office or higher. Events and query show progress against them.
CREATE TABLE targets (
    region    text NOT NULL REFERENCES regions (code),
    year      integer NOT NULL,
    indicator text NOT NULL REFERENCES indicators (code),
    ytd       numeric,
    yoy       numeric,
    set_by    text NOT NULL REFERENCES offices (code),
    set_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, year, indicator),
    CHECK ((ytd IS NULL) <> (yoy IS NULL))
);
