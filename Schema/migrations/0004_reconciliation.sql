-- Reconciliation (PROTOCOL.md, "Reconciliation"): each parent's consolidated figure, kept beside its
-- own figure (never overwriting it), and the conflicts between the two.

-- One row per parent region (city, province), period and indicator that has an own figure or a
-- reporting child. Maintained by the writer in the same transaction as the figures it follows,
-- incrementally: the running sums over the children (sum_*) take each child's change as a
-- difference, so a new county figure touches only its ancestors' rows.
CREATE TABLE aggregates (
    region           text NOT NULL REFERENCES regions (code),
    period           date NOT NULL,
    indicator        text NOT NULL REFERENCES indicators (code),
    value            numeric,            -- what readers see: own, the sum, or the side a resolution accepted
    yoy              numeric,
    own              numeric,            -- the parent's own figure (headline), if reported
    own_yoy          numeric,
    sum              numeric,            -- over reporting children; a ratio's is Σnum / Σden
    sum_yoy          numeric,            -- Σ ytd / Σ implied prior-year level − 1
    -- What the parent's own parent adds up: the level (a ratio's numerator) and a ratio's denominator,
    -- each with its rounding tolerance (½·10^(−d) as written, or the sum of the parts' tolerances).
    amount           numeric,
    amount_tolerance numeric,
    den              numeric,
    den_tolerance    numeric,
    final            boolean NOT NULL,   -- false for a partial sum (no own figure, children missing)
    -- Running sums over the reporting children (see HuizongCore/ChildSums.swift).
    sum_amount           numeric,
    sum_amount_tolerance numeric,
    sum_den              numeric,
    sum_den_tolerance    numeric,
    amount_scales        integer[] NOT NULL,  -- children per number of decimals written (0…12)
    den_scales           integer[],
    sum_prior            numeric NOT NULL,    -- Σ implied prior-year level, children with a yoy
    with_growth          integer NOT NULL,
    yoy_scales           integer[] NOT NULL,
    final_children       integer NOT NULL,
    reported         integer NOT NULL,
    expected         integer NOT NULL,
    status           text NOT NULL CHECK (status IN ('complete', 'partial', 'disputed', 'resolved')),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, period, indicator)
);

-- A parent's own figure against its children's sum, beyond rounding. Rows are never deleted: a
-- conflict is open, resolved (who, when, which side, why) or closed (the sides came to agree, or
-- moved after a resolution, which then no longer holds).
CREATE TABLE conflicts (
    id              bigserial PRIMARY KEY,
    region          text NOT NULL REFERENCES regions (code),
    period          date NOT NULL,
    indicator       text NOT NULL REFERENCES indicators (code),
    kind            text NOT NULL CHECK (kind IN ('level', 'growth')),
    own             numeric NOT NULL,
    sum             numeric NOT NULL,
    -- Every child's figure when the conflict was opened or last moved, as parallel arrays (a child
    -- city's consolidated value, a county's own figure).
    child_regions   text[] NOT NULL,
    child_values    numeric[] NOT NULL,
    child_yoys      numeric[] NOT NULL,
    state           text NOT NULL CHECK (state IN ('open', 'resolved', 'closed')),
    action          text CHECK (action IN ('accept_own', 'accept_sum')),
    note            text,
    resolved_by     text REFERENCES offices (code),
    resolved_at     timestamptz,
    opened_at       timestamptz NOT NULL DEFAULT now(),
    closed_at       timestamptz,
    CHECK ((state = 'resolved') = (action IS NOT NULL AND resolved_at IS NOT NULL) OR state = 'closed')
);
-- At most one live conflict per parent, period, indicator and kind.
CREATE UNIQUE INDEX conflicts_live ON conflicts (region, period, indicator, kind) WHERE state <> 'closed';
CREATE INDEX conflicts_region_period ON conflicts (region, period);
