-- Issue 9: an aggregate row is rewritten by every batch that touches its parent's month (about
-- five times each during the national-year bulk load). On full pages each rewrite was a new tuple
-- elsewhere plus a new index entry (four WAL records per row); with room left on the page it
-- is a heap-only update. Rows inserted from now on leave that room; existing pages gain it as
-- they are rewritten (VACUUM FULL aggregates does it at once).
ALTER TABLE aggregates SET (fillfactor = 50);

