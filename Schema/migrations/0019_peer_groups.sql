-- Peer groups (PROTOCOL.md v1.2): regions ranked together though not one parent's children
-- (山区26县, the provincial development zones). Reference data: a change bumps reference_version, and
-- every daemon reloads it within seconds.
CREATE TABLE peer_groups (
    code text PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE peer_group_members (
    group_code text NOT NULL REFERENCES peer_groups (code) ON DELETE CASCADE,
    region     text NOT NULL REFERENCES regions (code),
    position   integer NOT NULL,
    PRIMARY KEY (group_code, region)
);
CREATE TRIGGER peer_groups_changed AFTER INSERT OR UPDATE OR DELETE ON peer_groups
    FOR EACH STATEMENT EXECUTE FUNCTION huizong_reference_changed();
CREATE TRIGGER peer_group_members_changed AFTER INSERT OR UPDATE OR DELETE ON peer_group_members
    FOR EACH STATEMENT EXECUTE FUNCTION huizong_reference_changed();
