-- Issue 16: each province's state is held in memory by the one writer that owns it
-- (Sources/HuizongCore/Province/, Sources/HuizongStore/ProvinceWriter.swift). A batch is decided
-- without reading, in one round trip; daemons sharing the database stay consistent through a
-- version per province that every writing transaction claims.

-- The province's version, bumped by every transaction that writes anything of it, and the version
-- up to which its parents' aggregates were written (consolidation may follow the ack: PROTOCOL.md
-- v1.2). A daemon that finds `consolidated < version` for a province nobody is flushing recomputes
-- its parents from their children.
CREATE TABLE province_versions (
    province      text PRIMARY KEY,
    version       bigint NOT NULL,
    consolidated  bigint NOT NULL,
    -- Years written since `consolidated`: what a daemon recovering the province reads.
    pending_years integer[] NOT NULL DEFAULT '{}',
    claimed_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (consolidated <= version)
);

-- Claims the next version of a province for this transaction: its row lock orders every writer
-- of the province, on any daemon, until COMMIT. A daemon whose state was read at another version
-- than the current one is refused (SQLSTATE HZ409): it reloads the province and decides again.
-- `p_consolidated`: this transaction writes every parent the province's figures left behind;
-- otherwise `p_years` are the years whose parents it leaves to a later one.
CREATE FUNCTION huizong_claim(p_province text, p_expected bigint, p_consolidated boolean, p_years integer[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v bigint;
BEGIN
    IF p_expected = 0 THEN
        INSERT INTO province_versions (province, version, consolidated, pending_years)
        VALUES (p_province, 1, CASE WHEN p_consolidated THEN 1 ELSE 0 END, CASE WHEN p_consolidated THEN '{}' ELSE p_years END)
        ON CONFLICT (province) DO NOTHING
        RETURNING version INTO v;
    ELSE
        UPDATE province_versions
        SET version = version + 1, claimed_at = now(),
            consolidated = CASE WHEN p_consolidated THEN version + 1 ELSE consolidated END,
            pending_years = CASE WHEN p_consolidated THEN '{}'::integer[]
                                 ELSE ARRAY(SELECT DISTINCT y FROM unnest(pending_years || p_years) y ORDER BY y) END
        WHERE province = p_province AND version = p_expected
        RETURNING version INTO v;
    END IF;
    IF v IS NULL THEN
        RAISE EXCEPTION 'province % was written elsewhere since it was read at version %', p_province, p_expected
            USING ERRCODE = 'HZ409';
    END IF;
    RETURN v;
END $$;

-- A batch that writes nothing of a province (refusals, dry runs) was decided on its state all the
-- same: this checks, in the transaction's snapshot and behind any writer holding the province, that
-- the state was current (SQLSTATE HZ409 if not).
CREATE FUNCTION huizong_check(p_province text, p_expected bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v bigint;
BEGIN
    SELECT version INTO v FROM province_versions WHERE province = p_province FOR SHARE;
    IF coalesce(v, 0) <> p_expected THEN
        RAISE EXCEPTION 'province % was written elsewhere since it was read at version %', p_province, p_expected
            USING ERRCODE = 'HZ409';
    END IF;
END $$;

-- Aggregates keep what readers see. The running sums over the children (and the tolerances and
-- decimal counts they need) live in the writer's memory, rebuilt from the children when a writer
-- takes a province: nothing is lost by dropping them, and every batch stops writing them.
ALTER TABLE aggregates
    DROP COLUMN amount_tolerance,
    DROP COLUMN den_tolerance,
    DROP COLUMN final,
    DROP COLUMN sum_amount,
    DROP COLUMN sum_amount_tolerance,
    DROP COLUMN sum_den,
    DROP COLUMN sum_den_tolerance,
    DROP COLUMN amount_scales,
    DROP COLUMN den_scales,
    DROP COLUMN sum_prior,
    DROP COLUMN with_growth,
    DROP COLUMN yoy_scales,
    DROP COLUMN final_children,
    DROP COLUMN estimate_children;
