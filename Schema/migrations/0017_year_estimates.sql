-- 预计全年 (PROTOCOL.md v1.2): a flow figure's estimate of the whole year, and a parent's (the sum of
-- its children's when every child that reported the level gave one). Nullable, no default: adding
-- the columns rewrites nothing.
ALTER TABLE figures ADD COLUMN year_estimate numeric;
ALTER TABLE aggregates ADD COLUMN year_estimate numeric;
