-- Huizong core schema: reference data, offices, submissions and the figures they carry.
-- Every number is `numeric`, which keeps the decimals as written ('218.640' stays '218.640').

CREATE TABLE regions (
    code   text PRIMARY KEY,
    name   text NOT NULL,
    -- Explicit, never derived from the code: functional zones with statistics-only codes sit under a city.
    parent text REFERENCES regions (code),
    level  text NOT NULL CHECK (level IN ('province', 'city', 'county'))
);
CREATE INDEX regions_parent ON regions (parent);

CREATE TABLE indicators (
    code              text PRIMARY KEY,
    name              text NOT NULL,
    unit              text NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('flow', 'stock', 'ratio')),
    num_unit          text,   -- ratios: unit of the numerator (e.g. 万元 of tax)
    den_unit          text,   -- ratios: unit of the denominator (e.g. 亩 of land)
    -- True when yoy is at comparable prices (规上工业增加值): it cannot be checked against nominal levels.
    comparable_growth boolean NOT NULL DEFAULT false,
    CHECK ((kind = 'ratio') = (num_unit IS NOT NULL AND den_unit IS NOT NULL))
);

-- Data-driven part-of relations that validation checks: a part never exceeds its whole.
CREATE TABLE indicator_parts (
    part  text NOT NULL REFERENCES indicators (code),
    whole text NOT NULL REFERENCES indicators (code),
    PRIMARY KEY (part, whole),
    CHECK (part <> whole)
);

CREATE TABLE offices (
    code       text PRIMARY KEY,
    region     text REFERENCES regions (code),
    role       text NOT NULL CHECK (role IN ('county', 'city', 'province', 'admin')),
    token_hash bytea NOT NULL,              -- SHA-256 of the token; the token itself is never stored
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    CHECK (role = 'admin' OR region IS NOT NULL)
);

-- Every accepted submission, once: (office, key) makes resending idempotent.
CREATE TABLE submissions (
    id           bigserial PRIMARY KEY,
    office       text NOT NULL REFERENCES offices (code),
    key          text NOT NULL,
    region       text NOT NULL REFERENCES regions (code),
    period       date NOT NULL,             -- first day of the reported month
    revision     integer NOT NULL,
    content_hash bytea NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (office, key)
);

-- The last accepted revision per region and period: a new one must exceed it (stale_revision).
CREATE TABLE region_periods (
    region        text NOT NULL,
    period        date NOT NULL,
    revision      integer NOT NULL,
    submission_id bigint NOT NULL,
    PRIMARY KEY (region, period)
);

-- One version per region and year, bumped by each accepted submission. Validation reads a region's
-- year of figures; the write checks the version it read is still current, so that two daemons
-- never accept figures validated against different states.
CREATE TABLE region_years (
    region  text NOT NULL,
    year    integer NOT NULL,
    version bigint NOT NULL,
    PRIMARY KEY (region, year)
);

CREATE TABLE figures (
    region        text NOT NULL REFERENCES regions (code),
    period        date NOT NULL,
    indicator     text NOT NULL REFERENCES indicators (code),
    ytd           numeric,
    month         numeric,
    yoy           numeric,
    value         numeric,
    num           numeric,
    den           numeric,
    note          text,                     -- 上报说明, the reporter's explanation
    submission_id bigint NOT NULL,
    PRIMARY KEY (region, period, indicator)
);

-- Every replaced value: who (office, submission), when, old and new, as written (text keeps 1.5 vs 1.50).
-- A figure's first value is its submission's; history starts at the first change.
CREATE TABLE figure_history (
    id            bigserial PRIMARY KEY,
    region        text NOT NULL,
    period        date NOT NULL,
    indicator     text NOT NULL,
    field         text NOT NULL,
    old_value     text,
    new_value     text,
    office        text NOT NULL,
    submission_id bigint NOT NULL,
    changed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX figure_history_figure ON figure_history (region, period, indicator);

-- Stores one validated submission. Business outcomes are returned, never raised, so that one
-- submission's outcome cannot abort the others committed with it in the same transaction:
--   accepted        stored
--   duplicate       the same key and content were accepted before; nothing stored
--   key_reused      the same key was accepted before with other content; nothing stored
--   stale_revision  the region and period already have this revision or a later one
--   retry           the region's year changed since the caller validated (p_expected_version);
--                   the caller re-reads and validates again
-- The arrays are parallel, one element per figure.
CREATE FUNCTION huizong_submit(
    p_office text, p_key text, p_hash bytea, p_region text, p_period date, p_revision integer,
    p_expected_version bigint,
    p_indicators text[], p_ytd numeric[], p_month numeric[], p_yoy numeric[],
    p_value numeric[], p_num numeric[], p_den numeric[], p_notes text[]
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    v_year       integer := extract(year FROM p_period);
    v_hash       bytea;
    v_version    bigint;
    v_revision   integer;
    v_submission bigint;
BEGIN
    SELECT content_hash INTO v_hash FROM submissions WHERE office = p_office AND key = p_key;
    IF FOUND THEN
        RETURN CASE WHEN v_hash = p_hash THEN 'duplicate' ELSE 'key_reused' END;
    END IF;

    SELECT version INTO v_version FROM region_years WHERE region = p_region AND year = v_year FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO region_years (region, year, version) VALUES (p_region, v_year, 0) ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            RETURN 'retry';  -- another transaction created the year just now
        END IF;
        v_version := 0;
    END IF;
    IF v_version <> p_expected_version THEN
        RETURN 'retry';
    END IF;

    SELECT revision INTO v_revision FROM region_periods WHERE region = p_region AND period = p_period;
    IF FOUND AND v_revision >= p_revision THEN
        RETURN 'stale_revision';
    END IF;

    INSERT INTO submissions (office, key, region, period, revision, content_hash)
    VALUES (p_office, p_key, p_region, p_period, p_revision, p_hash)
    RETURNING id INTO v_submission;

    INSERT INTO region_periods (region, period, revision, submission_id)
    VALUES (p_region, p_period, p_revision, v_submission)
    ON CONFLICT (region, period) DO UPDATE SET revision = EXCLUDED.revision, submission_id = EXCLUDED.submission_id;

    UPDATE region_years SET version = version + 1 WHERE region = p_region AND year = v_year;

    INSERT INTO figure_history (region, period, indicator, field, old_value, new_value, office, submission_id)
    SELECT p_region, p_period, i.indicator, c.field, c.old_value, c.new_value, p_office, v_submission
    FROM unnest(p_indicators, p_ytd, p_month, p_yoy, p_value, p_num, p_den, p_notes)
             AS i (indicator, ytd, month, yoy, value, num, den, note)
    JOIN figures f ON f.region = p_region AND f.period = p_period AND f.indicator = i.indicator
    CROSS JOIN LATERAL (VALUES
        ('ytd', f.ytd::text, i.ytd::text), ('month', f.month::text, i.month::text),
        ('yoy', f.yoy::text, i.yoy::text), ('value', f.value::text, i.value::text),
        ('num', f.num::text, i.num::text), ('den', f.den::text, i.den::text),
        ('note', f.note, i.note)
    ) AS c (field, old_value, new_value)
    WHERE c.old_value IS DISTINCT FROM c.new_value;

    -- A listed figure replaces the stored one whole; figures not listed are kept.
    INSERT INTO figures (region, period, indicator, ytd, month, yoy, value, num, den, note, submission_id)
    SELECT p_region, p_period, i.indicator, i.ytd, i.month, i.yoy, i.value, i.num, i.den, i.note, v_submission
    FROM unnest(p_indicators, p_ytd, p_month, p_yoy, p_value, p_num, p_den, p_notes)
             AS i (indicator, ytd, month, yoy, value, num, den, note)
    ON CONFLICT (region, period, indicator) DO UPDATE SET
        ytd = EXCLUDED.ytd, month = EXCLUDED.month, yoy = EXCLUDED.yoy, value = EXCLUDED.value,
        num = EXCLUDED.num, den = EXCLUDED.den, note = EXCLUDED.note, submission_id = EXCLUDED.submission_id;

    RETURN 'accepted';
END
$$;
