-- Issue 9: a submission's office and region are checked by the daemon before it is written (the
-- office authenticated from `offices`, the region from the tree read from `regions`). Checking them
-- again with a foreign-key trigger per inserted row cost more than inserting the row (two SPI
-- queries per submission, seen with pg_stat_statements). As for figures and aggregates (0009), the
-- check moves to the other end: a region, office or indicator that stored data refers to cannot be
-- deleted or recoded (what the foreign keys did), and `huizong verify` reports any row
-- whose region, office or indicator is unknown.
ALTER TABLE submissions DROP CONSTRAINT IF EXISTS submissions_office_fkey;
ALTER TABLE submissions DROP CONSTRAINT IF EXISTS submissions_region_fkey;

CREATE FUNCTION huizong_refuse_referenced_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.code = OLD.code THEN
        RETURN NEW;
    END IF;
    IF (TG_TABLE_NAME = 'regions' AND EXISTS (SELECT 1 FROM submissions WHERE region = OLD.code))
       OR (TG_TABLE_NAME = 'offices' AND EXISTS (SELECT 1 FROM submissions WHERE office = OLD.code))
       OR (TG_TABLE_NAME = 'indicators' AND EXISTS (SELECT 1 FROM figures WHERE indicator = OLD.code)) THEN
        RAISE EXCEPTION '% "%" cannot be deleted or recoded: stored figures refer to it', TG_TABLE_NAME, OLD.code
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER regions_referenced BEFORE DELETE OR UPDATE OF code ON regions
    FOR EACH ROW EXECUTE FUNCTION huizong_refuse_referenced_delete();
CREATE TRIGGER offices_referenced BEFORE DELETE OR UPDATE OF code ON offices
    FOR EACH ROW EXECUTE FUNCTION huizong_refuse_referenced_delete();
CREATE TRIGGER indicators_referenced BEFORE DELETE OR UPDATE OF code ON indicators
    FOR EACH ROW EXECUTE FUNCTION huizong_refuse_referenced_delete();
