-- Issue 11 / PROTOCOL.md v1.1: the reporting vocabulary of the seeds. Estimates, growth-only and
-- value-only figures, whether smaller is better, reporting frequency, regions outside their parent's
-- sum, share targets, and reference data an administrator extends while daemons run.

-- Indicators: which way is good, how often they are due, and which codes PROTOCOL.md fixes.
ALTER TABLE indicators
    ADD COLUMN better    text NOT NULL DEFAULT 'higher' CHECK (better IN ('higher', 'lower')),
    ADD COLUMN frequency text NOT NULL DEFAULT 'monthly' CHECK (frequency IN ('monthly', 'quarterly', 'yearly')),
    ADD COLUMN builtin   boolean NOT NULL DEFAULT false,
    -- An indicator added at run time may be a ratio without named numerator and denominator units.
    DROP CONSTRAINT IF EXISTS indicators_check;
UPDATE indicators SET builtin = true WHERE code IN (
    'ind_value_added', 'ind_output', 'ship_output', 'industrial_investment', 'mfg_investment', 'tech_investment',
    'digital_core_revenue', 'exports', 'retail_sales', 'industrial_power', 'burden_reduction', 'new_5g_stations',
    'above_scale_firms', 'tax_per_mu');

-- The indicators the seed reports track beyond the fixed catalog, with their units and part-of relations.
INSERT INTO indicators (code, name, unit, kind, num_unit, den_unit, better, frequency) VALUES
    ('mfg_output',                '规上制造业产值',           '亿元',         'flow',  NULL,       NULL,   'higher', 'monthly'),
    ('district_ind_output',       '区属规上工业产值',         '亿元',         'flow',  NULL,       NULL,   'higher', 'monthly'),
    ('district_ind_value_added',  '区属规上工业增加值',       '亿元',         'flow',  NULL,       NULL,   'higher', 'monthly'),
    ('below_scale_value_added',   '规下工业增加值',           '亿元',         'flow',  NULL,       NULL,   'higher', 'quarterly'),
    ('digital_core_value_added',  '数字经济核心产业增加值',   '亿元',         'flow',  NULL,       NULL,   'higher', 'monthly'),
    ('digital_core_mfg_output',   '数字经济核心制造业产值',   '亿元',         'flow',  NULL,       NULL,   'higher', 'monthly'),
    ('software_revenue',          '软件和信息技术服务业收入', '亿元',         'flow',  NULL,       NULL,   'higher', 'monthly'),
    ('zero_land_tech_investment', '零增地技改投资',           '亿元',         'flow',  NULL,       NULL,   'higher', 'monthly'),
    ('zero_land_tech_projects',   '零增地技改项目数',         '项',           'flow',  NULL,       NULL,   'higher', 'monthly'),
    ('major_project_investment',  '千万元以上工业项目完成投资', '亿元',       'flow',  NULL,       NULL,   'higher', 'monthly'),
    ('major_projects',            '千万元以上工业项目数',     '项',           'stock', NULL,       NULL,   'higher', 'monthly'),
    ('new_above_scale_firms',     '新增规上工业企业',         '家',           'flow',  NULL,       NULL,   'higher', 'monthly'),
    ('specialized_firms',         '专精特新企业数',           '家',           'stock', NULL,       NULL,   'higher', 'monthly'),
    ('little_giant_firms',        '专精特新“小巨人”企业数',   '家',           'stock', NULL,       NULL,   'higher', 'monthly'),
    ('energy_intensity',          '单位工业增加值能耗',       '吨标准煤/万元', 'ratio', '吨标准煤', '万元', 'lower',  'monthly');

INSERT INTO indicator_parts (part, whole) VALUES
    ('mfg_output',                'ind_output'),
    ('district_ind_output',       'ind_output'),
    ('district_ind_value_added',  'ind_value_added'),
    ('digital_core_mfg_output',   'ind_output'),
    ('zero_land_tech_investment', 'tech_investment'),
    ('major_project_investment',  'industrial_investment');

-- The fixed codes keep their meaning: no change of code, unit or kind, no removal.
CREATE FUNCTION huizong_builtin_indicator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.builtin THEN RAISE EXCEPTION 'indicator % is fixed by the protocol and cannot be removed', OLD.code; END IF;
        RETURN OLD;
    END IF;
    IF OLD.builtin AND (NEW.code, NEW.unit, NEW.kind, NEW.builtin) IS DISTINCT FROM (OLD.code, OLD.unit, OLD.kind, OLD.builtin) THEN
        RAISE EXCEPTION 'indicator % is fixed by the protocol: its code, unit and kind cannot change', OLD.code;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER indicators_builtin BEFORE UPDATE OR DELETE ON indicators
    FOR EACH ROW EXECUTE FUNCTION huizong_builtin_indicator();

-- A unit whose figures overlap its siblings' (a development zone across districts) reports, is
-- ranked and shown, but is neither added to its parent's sum nor counted in `expected`.
ALTER TABLE regions ADD COLUMN in_sum boolean NOT NULL DEFAULT true;

-- Estimates (预计): on the figure, and carried up: an aggregate whose consolidated value includes one.
ALTER TABLE figures ADD COLUMN estimate boolean NOT NULL DEFAULT false;
ALTER TABLE aggregates
    ADD COLUMN estimate          boolean NOT NULL DEFAULT false,
    ADD COLUMN estimate_children integer NOT NULL DEFAULT 0;

-- Targets: a level and a growth together, and a share of another indicator.
ALTER TABLE targets DROP CONSTRAINT IF EXISTS targets_check;
ALTER TABLE targets
    ADD COLUMN share    numeric,
    ADD COLUMN share_of text REFERENCES indicators (code),
    ADD CONSTRAINT targets_something CHECK (ytd IS NOT NULL OR yoy IS NOT NULL OR share IS NOT NULL),
    ADD CONSTRAINT targets_share_of CHECK ((share IS NULL) = (share_of IS NULL));

-- Every change of the reference data bumps one version; each daemon polls it and reloads.
CREATE TABLE reference_version (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version  bigint NOT NULL
);
INSERT INTO reference_version (version) VALUES (1);
CREATE FUNCTION huizong_reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reference_version SET version = version + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER indicators_changed AFTER INSERT OR UPDATE OR DELETE ON indicators
    FOR EACH STATEMENT EXECUTE FUNCTION huizong_reference_changed();
CREATE TRIGGER indicator_parts_changed AFTER INSERT OR UPDATE OR DELETE ON indicator_parts
    FOR EACH STATEMENT EXECUTE FUNCTION huizong_reference_changed();
CREATE TRIGGER regions_changed AFTER INSERT OR UPDATE OR DELETE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION huizong_reference_changed();
