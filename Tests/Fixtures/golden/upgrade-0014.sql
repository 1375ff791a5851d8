--
-- PostgreSQL database dump
--

\restrict GlcPr5llLtejmPvFHWC7J2awSw23GOCRwbiP5MNcYgseJ1D12SYxnKbV448p8Fi

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: huizong_builtin_indicator(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.huizong_builtin_indicator() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: huizong_reference_changed(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.huizong_reference_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE reference_version SET version = version + 1;
    RETURN NULL;
END $$;


--
-- Name: huizong_refuse_referenced_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.huizong_refuse_referenced_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: aggregates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.aggregates (
    region text NOT NULL,
    period date NOT NULL,
    indicator text NOT NULL,
    value numeric,
    yoy numeric,
    own numeric,
    own_yoy numeric,
    sum numeric,
    sum_yoy numeric,
    amount numeric,
    amount_tolerance numeric,
    den numeric,
    den_tolerance numeric,
    final boolean NOT NULL,
    sum_amount numeric,
    sum_amount_tolerance numeric,
    sum_den numeric,
    sum_den_tolerance numeric,
    amount_scales integer[] NOT NULL,
    den_scales integer[],
    sum_prior numeric NOT NULL,
    with_growth integer NOT NULL,
    yoy_scales integer[] NOT NULL,
    final_children integer NOT NULL,
    reported integer NOT NULL,
    expected integer NOT NULL,
    status text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    estimate boolean DEFAULT false NOT NULL,
    estimate_children integer DEFAULT 0 NOT NULL,
    CONSTRAINT aggregates_status_check CHECK ((status = ANY (ARRAY['complete'::text, 'partial'::text, 'disputed'::text, 'resolved'::text])))
)
WITH (fillfactor='50');


--
-- Name: change_counter; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.change_counter (
    only_row boolean DEFAULT true NOT NULL,
    seq bigint NOT NULL,
    CONSTRAINT change_counter_only_row_check CHECK (only_row)
);


--
-- Name: change_log_horizon; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.change_log_horizon (
    only_row boolean DEFAULT true NOT NULL,
    pruned_through bigint NOT NULL,
    CONSTRAINT change_log_horizon_only_row_check CHECK (only_row)
);


--
-- Name: changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.changes (
    seq_last bigint NOT NULL,
    seq_first bigint NOT NULL,
    region text NOT NULL,
    period date NOT NULL,
    indicators text[] NOT NULL,
    committed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT changes_check CHECK ((seq_last = ((seq_first + cardinality(indicators)) - 1)))
);


--
-- Name: conflicts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conflicts (
    id bigint NOT NULL,
    region text NOT NULL,
    period date NOT NULL,
    indicator text NOT NULL,
    kind text NOT NULL,
    own numeric NOT NULL,
    sum numeric NOT NULL,
    child_regions text[],
    child_values numeric[],
    child_yoys numeric[],
    state text NOT NULL,
    action text,
    note text,
    resolved_by text,
    resolved_at timestamp with time zone,
    opened_at timestamp with time zone DEFAULT now() NOT NULL,
    closed_at timestamp with time zone,
    CONSTRAINT conflicts_action_check CHECK ((action = ANY (ARRAY['accept_own'::text, 'accept_sum'::text]))),
    CONSTRAINT conflicts_check CHECK ((((state = 'resolved'::text) = ((action IS NOT NULL) AND (resolved_at IS NOT NULL))) OR (state = 'closed'::text))),
    CONSTRAINT conflicts_kind_check CHECK ((kind = ANY (ARRAY['level'::text, 'growth'::text]))),
    CONSTRAINT conflicts_state_check CHECK ((state = ANY (ARRAY['open'::text, 'resolved'::text, 'closed'::text])))
);


--
-- Name: conflicts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.conflicts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: conflicts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.conflicts_id_seq OWNED BY public.conflicts.id;


--
-- Name: submissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.submissions (
    id bigint NOT NULL,
    office text NOT NULL,
    key text NOT NULL,
    region text NOT NULL,
    period date NOT NULL,
    revision integer NOT NULL,
    content_hash bytea NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    changed_indicators text[],
    changed_fields text[],
    old_values text[],
    new_values text[],
    CONSTRAINT submissions_changes_aligned CHECK (((cardinality(changed_fields) = cardinality(changed_indicators)) AND (cardinality(old_values) = cardinality(changed_indicators)) AND (cardinality(new_values) = cardinality(changed_indicators))))
);


--
-- Name: figure_history; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.figure_history AS
 SELECT s.region,
    s.period,
    c.indicator,
    c.field,
    c.old_value,
    c.new_value,
    s.office,
    s.id AS submission_id,
    s.received_at AS changed_at,
    c.ordinal
   FROM (public.submissions s
     CROSS JOIN LATERAL UNNEST(s.changed_indicators, s.changed_fields, s.old_values, s.new_values) WITH ORDINALITY c(indicator, field, old_value, new_value, ordinal))
  WHERE (s.changed_indicators IS NOT NULL);


--
-- Name: figures; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.figures (
    region text NOT NULL,
    period date NOT NULL,
    indicator text NOT NULL,
    ytd numeric,
    month numeric,
    yoy numeric,
    value numeric,
    num numeric,
    den numeric,
    note text,
    submission_id bigint NOT NULL,
    estimate boolean DEFAULT false NOT NULL
);


--
-- Name: indicator_parts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.indicator_parts (
    part text NOT NULL,
    whole text NOT NULL,
    CONSTRAINT indicator_parts_check CHECK ((part <> whole))
);


--
-- Name: indicators; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.indicators (
    code text NOT NULL,
    name text NOT NULL,
    unit text NOT NULL,
    kind text NOT NULL,
    num_unit text,
    den_unit text,
    comparable_growth boolean DEFAULT false NOT NULL,
    better text DEFAULT 'higher'::text NOT NULL,
    frequency text DEFAULT 'monthly'::text NOT NULL,
    builtin boolean DEFAULT false NOT NULL,
    CONSTRAINT indicators_better_check CHECK ((better = ANY (ARRAY['higher'::text, 'lower'::text]))),
    CONSTRAINT indicators_frequency_check CHECK ((frequency = ANY (ARRAY['monthly'::text, 'quarterly'::text, 'yearly'::text]))),
    CONSTRAINT indicators_kind_check CHECK ((kind = ANY (ARRAY['flow'::text, 'stock'::text, 'ratio'::text])))
);


--
-- Name: lock_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lock_history (
    id bigint NOT NULL,
    region text NOT NULL,
    period date NOT NULL,
    action text NOT NULL,
    office text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lock_history_action_check CHECK ((action = ANY (ARRAY['lock'::text, 'unlock'::text])))
);


--
-- Name: lock_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.lock_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: lock_history_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.lock_history_id_seq OWNED BY public.lock_history.id;


--
-- Name: offices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.offices (
    code text NOT NULL,
    region text,
    role text NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT offices_check CHECK (((role = 'admin'::text) OR (region IS NOT NULL))),
    CONSTRAINT offices_role_check CHECK ((role = ANY (ARRAY['county'::text, 'city'::text, 'province'::text, 'admin'::text])))
);


--
-- Name: period_locks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.period_locks (
    region text NOT NULL,
    period date NOT NULL,
    locked_by text NOT NULL,
    locked_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: reference_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reference_version (
    only_row boolean DEFAULT true NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT reference_version_only_row_check CHECK (only_row)
);


--
-- Name: region_periods; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.region_periods (
    region text NOT NULL,
    period date NOT NULL,
    revision integer NOT NULL,
    submission_id bigint NOT NULL
);


--
-- Name: regions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.regions (
    code text NOT NULL,
    name text NOT NULL,
    parent text,
    level text NOT NULL,
    in_sum boolean DEFAULT true NOT NULL,
    CONSTRAINT regions_level_check CHECK ((level = ANY (ARRAY['province'::text, 'city'::text, 'county'::text])))
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: submissions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.submissions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: submissions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.submissions_id_seq OWNED BY public.submissions.id;


--
-- Name: targets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.targets (
    region text NOT NULL,
    year integer NOT NULL,
    indicator text NOT NULL,
    ytd numeric,
    yoy numeric,
    set_by text NOT NULL,
    set_at timestamp with time zone DEFAULT now() NOT NULL,
    share numeric,
    share_of text,
    CONSTRAINT targets_share_of CHECK (((share IS NULL) = (share_of IS NULL))),
    CONSTRAINT targets_something CHECK (((ytd IS NOT NULL) OR (yoy IS NOT NULL) OR (share IS NOT NULL)))
);


--
-- Name: conflicts id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conflicts ALTER COLUMN id SET DEFAULT nextval('public.conflicts_id_seq'::regclass);


--
-- Name: lock_history id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lock_history ALTER COLUMN id SET DEFAULT nextval('public.lock_history_id_seq'::regclass);


--
-- Name: submissions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.submissions ALTER COLUMN id SET DEFAULT nextval('public.submissions_id_seq'::regclass);


--
-- Data for Name: aggregates; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.aggregates (region, period, indicator, value, yoy, own, own_yoy, sum, sum_yoy, amount, amount_tolerance, den, den_tolerance, final, sum_amount, sum_amount_tolerance, sum_den, sum_den_tolerance, amount_scales, den_scales, sum_prior, with_growth, yoy_scales, final_children, reported, expected, status, updated_at, estimate, estimate_children) FROM stdin;
330900	2023-09-01	above_scale_firms	166	\N	\N	\N	166	\N	166	2.0	\N	\N	t	166	2.0	\N	\N	{4,0,0,0,0,0,0,0,0,0,0,0,0}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	4	4	4	complete	2026-12-03 10:19:45.104662+00	f	0
330900	2023-09-01	ind_output	138	-1.871	\N	\N	138	-1.871	138	2.0	\N	\N	t	138	2.0	\N	\N	{4,0,0,0,0,0,0,0,0,0,0,0,0}	\N	140.6316315096	4	{0,0,4,0,0,0,0,0,0,0,0,0,0}	4	4	4	complete	2026-12-03 10:19:45.104662+00	f	0
330900	2023-09-01	ship_output	46.6	2.11	\N	\N	46.6	2.11	46.6	0.20	\N	\N	t	46.6	0.20	\N	\N	{0,4,0,0,0,0,0,0,0,0,0,0,0}	\N	45.6388899176	4	{0,4,0,0,0,0,0,0,0,0,0,0,0}	4	4	4	complete	2026-12-03 10:19:45.104662+00	f	0
330900	2023-09-01	tax_per_mu	42.5581	\N	\N	\N	42.5581	\N	3660	2.0	86	2.0	t	3660	2.0	86	2.0	{4,0,0,0,0,0,0,0,0,0,0,0,0}	{4,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	4	4	4	complete	2026-12-03 10:19:45.104662+00	f	0
330900	2023-10-01	above_scale_firms	81	\N	\N	\N	81	\N	81	1.0	\N	\N	f	81	1.0	\N	\N	{2,0,0,0,0,0,0,0,0,0,0,0,0}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	2	2	4	partial	2026-12-03 10:19:45.012772+00	f	0
330900	2023-10-01	ind_output	126	-0.776	\N	\N	126	-0.776	126	1.0	\N	\N	f	126	1.0	\N	\N	{2,0,0,0,0,0,0,0,0,0,0,0,0}	\N	126.9858189778	2	{0,0,2,0,0,0,0,0,0,0,0,0,0}	2	2	4	partial	2026-12-03 10:19:45.012772+00	f	0
330900	2023-10-01	ship_output	42.1	1.02	\N	\N	42.1	1.02	42.1	0.10	\N	\N	f	42.1	0.10	\N	\N	{0,2,0,0,0,0,0,0,0,0,0,0,0}	\N	41.6738965272	2	{0,2,0,0,0,0,0,0,0,0,0,0,0}	2	2	4	partial	2026-12-03 10:19:45.012772+00	f	0
330900	2023-10-01	tax_per_mu	44.1463	\N	\N	\N	44.1463	\N	1810	1.0	41	1.0	f	1810	1.0	41	1.0	{2,0,0,0,0,0,0,0,0,0,0,0,0}	{2,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	2	2	4	partial	2026-12-03 10:19:45.012772+00	f	0
330000	2023-09-01	above_scale_firms	301	\N	\N	\N	301	\N	301	3.5	\N	\N	f	301	3.5	\N	\N	{2,0,0,0,0,0,0,0,0,0,0,0,0}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	1	2	11	partial	2026-12-03 10:19:45.258678+00	f	0
330000	2023-09-01	ind_output	273	-3.5977	\N	\N	273	-3.5977	273	3.5	\N	\N	f	273	3.5	\N	\N	{2,0,0,0,0,0,0,0,0,0,0,0,0}	\N	283.1881535170	2	{0,0,0,2,0,0,0,0,0,0,0,0,0}	1	2	11	partial	2026-12-03 10:19:45.258678+00	f	0
330000	2023-09-01	ship_output	93.1	3.795	\N	\N	93.1	3.795	93.1	0.35	\N	\N	f	93.1	0.35	\N	\N	{0,2,0,0,0,0,0,0,0,0,0,0,0}	\N	89.6961825772	2	{0,0,2,0,0,0,0,0,0,0,0,0,0}	1	2	11	partial	2026-12-03 10:19:45.258678+00	f	0
330000	2023-09-01	tax_per_mu	40.4348	\N	\N	\N	40.4348	\N	6510	3.5	161	3.5	f	6510	3.5	161	3.5	{2,0,0,0,0,0,0,0,0,0,0,0,0}	{2,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	1	2	11	partial	2026-12-03 10:19:45.258678+00	f	0
330000	2023-10-01	above_scale_firms	81	\N	\N	\N	81	\N	81	1.0	\N	\N	f	81	1.0	\N	\N	{1,0,0,0,0,0,0,0,0,0,0,0,0}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	0	1	11	partial	2026-12-03 10:19:45.012772+00	f	0
330000	2023-10-01	ind_output	126	-0.7760	\N	\N	126	-0.7760	126	1.0	\N	\N	f	126	1.0	\N	\N	{1,0,0,0,0,0,0,0,0,0,0,0,0}	\N	126.9854067564	1	{0,0,0,1,0,0,0,0,0,0,0,0,0}	0	1	11	partial	2026-12-03 10:19:45.012772+00	f	0
330000	2023-10-01	ship_output	42.1	1.020	\N	\N	42.1	1.020	42.1	0.10	\N	\N	f	42.1	0.10	\N	\N	{0,1,0,0,0,0,0,0,0,0,0,0,0}	\N	41.6749158582	1	{0,0,1,0,0,0,0,0,0,0,0,0,0}	0	1	11	partial	2026-12-03 10:19:45.012772+00	f	0
330000	2023-10-01	tax_per_mu	44.1463	\N	\N	\N	44.1463	\N	1810	1.0	41	1.0	f	1810	1.0	41	1.0	{1,0,0,0,0,0,0,0,0,0,0,0,0}	{1,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	0	1	11	partial	2026-12-03 10:19:45.012772+00	f	0
330000	2023-11-01	ship_output	297.70	\N	\N	\N	297.70	\N	297.70	0.055	\N	\N	f	297.70	0.055	\N	\N	{0,1,1,0,0,0,0,0,0,0,0,0,0}	\N	152.1032504780	1	{0,1,0,0,0,0,0,0,0,0,0,0,0}	2	2	11	partial	2026-12-03 10:19:45.65075+00	f	0
330900	2023-11-01	above_scale_firms	166	\N	\N	\N	166	\N	166	2.0	\N	\N	t	166	2.0	\N	\N	{4,0,0,0,0,0,0,0,0,0,0,0,0}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	4	4	4	complete	2026-12-03 10:19:45.395927+00	f	0
330900	2023-11-01	tax_per_mu	42.5581	\N	\N	\N	42.5581	\N	3660	2.0	86	2.0	t	3660	2.0	86	2.0	{4,0,0,0,0,0,0,0,0,0,0,0,0}	{4,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	4	4	4	complete	2026-12-03 10:19:45.130488+00	f	0
330900	2023-11-01	ship_output	138.6	\N	138.6	\N	139.60	\N	138.6	0.05	\N	\N	t	139.60	0.155	\N	\N	{0,3,1,0,0,0,0,0,0,0,0,0,0}	\N	97.7786568778	3	{0,2,1,0,0,0,0,0,0,0,0,0,0}	4	4	4	disputed	2026-12-03 10:19:45.616415+00	f	0
330900	2023-11-01	ind_output	999	1.0	999	1.0	426	-0.579	999	0.5	\N	\N	t	426	2.0	\N	\N	{4,0,0,0,0,0,0,0,0,0,0,0,0}	\N	428.4821317566	4	{0,1,3,0,0,0,0,0,0,0,0,0,0}	4	4	4	disputed	2026-12-03 10:19:45.631448+00	f	0
330000	2023-11-01	ind_output	1404	-0.9020	\N	\N	1404	-0.9020	1404	2.0	\N	\N	f	1404	2.0	\N	\N	{2,0,0,0,0,0,0,0,0,0,0,0,0}	\N	1416.7797416285	2	{0,1,0,1,0,0,0,0,0,0,0,0,0}	1	2	11	partial	2026-12-03 10:19:45.631448+00	f	0
330000	2023-11-01	above_scale_firms	300	\N	300	\N	316	\N	300	0.5	\N	\N	t	316	2.5	\N	\N	{2,0,0,0,0,0,0,0,0,0,0,0,0}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	2	2	11	partial	2026-12-03 10:19:45.395927+00	f	0
330000	2023-11-01	tax_per_mu	40.4348	\N	\N	\N	40.4348	\N	6510	3.5	161	3.5	f	6510	3.5	161	3.5	{2,0,0,0,0,0,0,0,0,0,0,0,0}	{2,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	1	2	11	partial	2026-12-03 10:19:45.29151+00	f	0
331000	2023-11-01	ind_output	405	-5.301	\N	\N	405	-5.301	405	1.5	\N	\N	f	405	1.5	\N	\N	{3,0,0,0,0,0,0,0,0,0,0,0,0}	\N	427.6729003768	3	{0,0,3,0,0,0,0,0,0,0,0,0,0}	3	3	9	partial	2026-12-03 10:19:45.29151+00	f	0
331000	2023-11-01	tax_per_mu	38	\N	\N	\N	38	\N	2850	1.5	75	1.5	f	2850	1.5	75	1.5	{3,0,0,0,0,0,0,0,0,0,0,0,0}	{3,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	3	3	9	partial	2026-12-03 10:19:45.29151+00	f	0
331000	2023-11-01	above_scale_firms	150	\N	150	\N	135	\N	150	0.5	\N	\N	t	135	1.5	\N	\N	{3,0,0,0,0,0,0,0,0,0,0,0,0}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	3	3	9	partial	2026-12-03 10:19:45.359928+00	f	0
331000	2023-11-01	ship_output	159.10	4.6	159.10	4.6	154.5	5.65	159.10	0.005	\N	\N	t	154.5	0.15	\N	\N	{0,3,0,0,0,0,0,0,0,0,0,0,0}	\N	146.2373360323	3	{0,3,0,0,0,0,0,0,0,0,0,0,0}	3	3	9	partial	2026-12-03 10:19:45.65075+00	f	0
331000	2023-09-01	above_scale_firms	135	\N	\N	\N	135	\N	135	1.5	\N	\N	f	135	1.5	\N	\N	{3,0,0,0,0,0,0,0,0,0,0,0,0}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	3	3	9	partial	2026-12-03 10:19:45.258678+00	f	0
331000	2023-09-01	ind_output	135	-5.301	\N	\N	135	-5.301	135	1.5	\N	\N	f	135	1.5	\N	\N	{3,0,0,0,0,0,0,0,0,0,0,0,0}	\N	142.5576334589	3	{0,0,3,0,0,0,0,0,0,0,0,0,0}	3	3	9	partial	2026-12-03 10:19:45.258678+00	f	0
331000	2023-09-01	ship_output	46.5	5.54	\N	\N	46.5	5.54	46.5	0.15	\N	\N	f	46.5	0.15	\N	\N	{0,3,0,0,0,0,0,0,0,0,0,0,0}	\N	44.0587018943	3	{0,3,0,0,0,0,0,0,0,0,0,0,0}	3	3	9	partial	2026-12-03 10:19:45.258678+00	f	0
331000	2023-09-01	tax_per_mu	38	\N	\N	\N	38	\N	2850	1.5	75	1.5	f	2850	1.5	75	1.5	{3,0,0,0,0,0,0,0,0,0,0,0,0}	{3,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	3	3	9	partial	2026-12-03 10:19:45.258678+00	f	0
330900	2023-10-01	ind_value_added	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	f	\N	\N	\N	\N	{}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	4	partial	2026-12-03 10:19:45.312021+00	f	0
330000	2023-10-01	ind_value_added	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	f	\N	\N	\N	\N	{}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	11	partial	2026-12-03 10:19:45.312021+00	f	0
331000	2023-11-01	tech_investment	4.50	3.00	\N	\N	4.50	3.00	4.50	0.005	\N	\N	f	4.50	0.005	\N	\N	{0,0,1,0,0,0,0,0,0,0,0,0,0}	\N	4.3689320388	1	{0,1,0,0,0,0,0,0,0,0,0,0,0}	1	1	9	partial	2026-12-03 10:19:45.324607+00	t	1
331000	2023-11-01	value_added_per_mu	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	f	\N	\N	\N	\N	{}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	9	partial	2026-12-03 10:19:45.324607+00	f	0
330000	2023-11-01	tech_investment	4.50	3.000	\N	\N	4.50	3.000	4.50	0.005	\N	\N	f	4.50	0.005	\N	\N	{0,0,1,0,0,0,0,0,0,0,0,0,0}	\N	4.3689320388	1	{0,0,1,0,0,0,0,0,0,0,0,0,0}	0	1	11	partial	2026-12-03 10:19:45.324607+00	t	1
330000	2023-11-01	value_added_per_mu	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	f	\N	\N	\N	\N	{}	\N	0	0	{0,0,0,0,0,0,0,0,0,0,0,0,0}	0	0	11	partial	2026-12-03 10:19:45.324607+00	f	0
\.


--
-- Data for Name: change_counter; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.change_counter (only_row, seq) FROM stdin;
t	277
\.


--
-- Data for Name: change_log_horizon; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.change_log_horizon (only_row, pruned_through) FROM stdin;
t	0
\.


--
-- Data for Name: changes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.changes (seq_last, seq_first, region, period, indicators, committed_at) FROM stdin;
4	1	330902	2023-09-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:44.884447+00
8	5	330900	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:44.884447+00
12	9	330000	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:44.884447+00
16	13	330902	2023-10-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:44.938274+00
20	17	330900	2023-10-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:44.938274+00
24	21	330000	2023-10-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:44.938274+00
28	25	330902	2023-11-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:44.962571+00
32	29	330900	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:44.962571+00
36	33	330000	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:44.962571+00
40	37	330903	2023-09-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:44.986616+00
44	41	330900	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:44.986616+00
48	45	330000	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:44.986616+00
52	49	330903	2023-10-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.012772+00
56	53	330900	2023-10-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.012772+00
60	57	330000	2023-10-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.012772+00
64	61	330903	2023-11-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.033148+00
68	65	330900	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.033148+00
72	69	330000	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.033148+00
76	73	330921	2023-09-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.056145+00
80	77	330900	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.056145+00
84	81	330000	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.056145+00
88	85	330921	2023-11-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.083322+00
92	89	330900	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.083322+00
96	93	330000	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.083322+00
100	97	330922	2023-09-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.104662+00
104	101	330900	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.104662+00
108	105	330000	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.104662+00
112	109	330922	2023-11-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.130488+00
116	113	330900	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.130488+00
120	117	330000	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.130488+00
124	121	331002	2023-09-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.149775+00
128	125	331000	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.149775+00
132	129	330000	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.149775+00
136	133	331002	2023-11-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.175002+00
140	137	331000	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.175002+00
144	141	330000	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.175002+00
148	145	331003	2023-09-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.205241+00
152	149	331000	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.205241+00
156	153	330000	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.205241+00
160	157	331003	2023-11-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.235616+00
164	161	331000	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.235616+00
168	165	330000	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.235616+00
172	169	331082	2023-09-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.258678+00
176	173	331000	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.258678+00
180	177	330000	2023-09-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.258678+00
184	181	331082	2023-11-01	{ship_output,ind_output,above_scale_firms,tax_per_mu}	2026-12-03 10:19:45.29151+00
188	185	331000	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.29151+00
192	189	330000	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.29151+00
193	193	330902	2023-10-01	{ind_value_added}	2026-12-03 10:19:45.312021+00
194	194	330900	2023-10-01	{ind_value_added}	2026-12-03 10:19:45.312021+00
195	195	330000	2023-10-01	{ind_value_added}	2026-12-03 10:19:45.312021+00
197	196	331082	2023-11-01	{tech_investment,value_added_per_mu}	2026-12-03 10:19:45.324607+00
199	198	331000	2023-11-01	{tech_investment,value_added_per_mu}	2026-12-03 10:19:45.324607+00
201	200	330000	2023-11-01	{tech_investment,value_added_per_mu}	2026-12-03 10:19:45.324607+00
203	202	330900	2023-11-01	{ind_output,ship_output}	2026-12-03 10:19:45.342033+00
205	204	330000	2023-11-01	{ind_output,ship_output}	2026-12-03 10:19:45.342033+00
207	206	331000	2023-11-01	{above_scale_firms,ship_output}	2026-12-03 10:19:45.359928+00
209	208	330000	2023-11-01	{above_scale_firms,ship_output}	2026-12-03 10:19:45.359928+00
210	210	330000	2023-11-01	{above_scale_firms}	2026-12-03 10:19:45.375542+00
211	211	331082	2023-11-01	{ship_output}	2026-12-03 10:19:45.38583+00
212	212	331000	2023-11-01	{ship_output}	2026-12-03 10:19:45.38583+00
213	213	330000	2023-11-01	{ship_output}	2026-12-03 10:19:45.38583+00
215	214	330903	2023-11-01	{ship_output,above_scale_firms}	2026-12-03 10:19:45.395927+00
217	216	330900	2023-11-01	{above_scale_firms,ship_output}	2026-12-03 10:19:45.395927+00
219	218	330000	2023-11-01	{above_scale_firms,ship_output}	2026-12-03 10:19:45.395927+00
220	220	330900	2023-09-01	{ship_output}	2026-12-03 10:19:45.454857+00
221	221	330900	2023-10-01	{ship_output}	2026-12-03 10:19:45.454857+00
222	222	330900	2023-11-01	{ship_output}	2026-12-03 10:19:45.454857+00
223	223	331082	2023-09-01	{ship_output}	2026-12-03 10:19:45.464517+00
224	224	331082	2023-11-01	{ship_output}	2026-12-03 10:19:45.464517+00
225	225	330900	2023-09-01	{ship_output}	2026-12-03 10:19:45.471389+00
226	226	330900	2023-10-01	{ship_output}	2026-12-03 10:19:45.471389+00
227	227	330900	2023-11-01	{ship_output}	2026-12-03 10:19:45.471389+00
228	228	330900	2023-11-01	{ind_output}	2026-12-03 10:19:45.491186+00
229	229	330000	2023-11-01	{ind_output}	2026-12-03 10:19:45.491186+00
233	230	330900	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.510403+00
237	234	330902	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.510403+00
241	238	330903	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.510403+00
245	242	330921	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.510403+00
249	246	330922	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.510403+00
253	250	330900	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.591328+00
257	254	330902	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.591328+00
261	258	330903	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.591328+00
265	262	330921	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.591328+00
269	266	330922	2023-11-01	{above_scale_firms,ind_output,ship_output,tax_per_mu}	2026-12-03 10:19:45.591328+00
270	270	330922	2023-11-01	{ship_output}	2026-12-03 10:19:45.616415+00
271	271	330900	2023-11-01	{ship_output}	2026-12-03 10:19:45.616415+00
272	272	330000	2023-11-01	{ship_output}	2026-12-03 10:19:45.616415+00
273	273	330921	2023-11-01	{ind_output}	2026-12-03 10:19:45.631448+00
274	274	330900	2023-11-01	{ind_output}	2026-12-03 10:19:45.631448+00
275	275	330000	2023-11-01	{ind_output}	2026-12-03 10:19:45.631448+00
276	276	331000	2023-11-01	{ship_output}	2026-12-03 10:19:45.65075+00
277	277	330000	2023-11-01	{ship_output}	2026-12-03 10:19:45.65075+00
\.


--
-- Data for Name: conflicts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.conflicts (id, region, period, indicator, kind, own, sum, child_regions, child_values, child_yoys, state, action, note, resolved_by, resolved_at, opened_at, closed_at) FROM stdin;
3	330900	2023-11-01	ship_output	level	138.6	139.60	\N	\N	\N	open	\N	\N	\N	\N	2026-12-03 10:19:45.616415+00	\N
1	330900	2023-11-01	ind_output	level	999	414	{330902,330903,330921,330922}	{90,99,108,117}	{-0.25,-1.25,-2.25,-3.25}	closed	accept_sum	以区县合计为准	330900	2026-12-03 10:19:45.491186+00	2026-12-03 10:19:45.342033+00	2026-12-03 10:19:45.631448+00
2	330900	2023-11-01	ind_output	growth	1.0	-0.579	\N	\N	\N	open	\N	\N	\N	\N	2026-12-03 10:19:45.342033+00	\N
4	330900	2023-11-01	ind_output	level	999	426	\N	\N	\N	open	\N	\N	\N	\N	2026-12-03 10:19:45.631448+00	\N
\.


--
-- Data for Name: figures; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.figures (region, period, indicator, ytd, month, yoy, value, num, den, note, submission_id, estimate) FROM stdin;
330902	2023-09-01	ship_output	10.0	10.0	0.5	\N	\N	\N	\N	1	f
330902	2023-09-01	ind_output	30	\N	-0.25	\N	\N	\N	\N	1	f
330902	2023-09-01	above_scale_firms	\N	\N	\N	40	\N	\N	\N	1	f
330902	2023-09-01	tax_per_mu	\N	\N	\N	\N	900	20	\N	1	f
330902	2023-10-01	ship_output	20.0	10.0	0.5	\N	\N	\N	\N	2	f
330902	2023-10-01	ind_output	60	\N	-0.25	\N	\N	\N	\N	2	f
330902	2023-10-01	above_scale_firms	\N	\N	\N	40	\N	\N	\N	2	f
330902	2023-10-01	tax_per_mu	\N	\N	\N	\N	900	20	\N	2	f
330902	2023-11-01	ship_output	30.0	10.0	0.5	\N	\N	\N	\N	3	f
330902	2023-11-01	ind_output	90	\N	-0.25	\N	\N	\N	\N	3	f
330902	2023-11-01	above_scale_firms	\N	\N	\N	40	\N	\N	\N	3	f
330902	2023-11-01	tax_per_mu	\N	\N	\N	\N	900	20	\N	3	f
330903	2023-09-01	ship_output	11.1	11.1	1.5	\N	\N	\N	\N	4	f
330903	2023-09-01	ind_output	33	\N	-1.25	\N	\N	\N	\N	4	f
330903	2023-09-01	above_scale_firms	\N	\N	\N	41	\N	\N	\N	4	f
330903	2023-09-01	tax_per_mu	\N	\N	\N	\N	910	21	\N	4	f
330903	2023-10-01	ship_output	22.1	11.1	1.5	\N	\N	\N	\N	5	f
330903	2023-10-01	ind_output	66	\N	-1.25	\N	\N	\N	\N	5	f
330903	2023-10-01	above_scale_firms	\N	\N	\N	41	\N	\N	\N	5	f
330903	2023-10-01	tax_per_mu	\N	\N	\N	\N	910	21	\N	5	f
330903	2023-11-01	ind_output	99	\N	-1.25	\N	\N	\N	\N	6	f
330903	2023-11-01	tax_per_mu	\N	\N	\N	\N	910	21	\N	6	f
330921	2023-09-01	ship_output	12.2	12.2	2.5	\N	\N	\N	\N	7	f
330921	2023-09-01	ind_output	36	\N	-2.25	\N	\N	\N	\N	7	f
330921	2023-09-01	above_scale_firms	\N	\N	\N	42	\N	\N	\N	7	f
330921	2023-09-01	tax_per_mu	\N	\N	\N	\N	920	22	\N	7	f
330921	2023-11-01	ship_output	36.2	12.2	2.5	\N	\N	\N	\N	9	f
330921	2023-11-01	above_scale_firms	\N	\N	\N	42	\N	\N	\N	9	f
330921	2023-11-01	tax_per_mu	\N	\N	\N	\N	920	22	\N	9	f
330922	2023-09-01	ship_output	13.3	13.3	3.5	\N	\N	\N	\N	10	f
330922	2023-09-01	ind_output	39	\N	-3.25	\N	\N	\N	\N	10	f
330922	2023-09-01	above_scale_firms	\N	\N	\N	43	\N	\N	\N	10	f
330922	2023-09-01	tax_per_mu	\N	\N	\N	\N	930	23	\N	10	f
330922	2023-11-01	ind_output	117	\N	-3.25	\N	\N	\N	\N	12	f
330922	2023-11-01	above_scale_firms	\N	\N	\N	43	\N	\N	\N	12	f
330922	2023-11-01	tax_per_mu	\N	\N	\N	\N	930	23	\N	12	f
331002	2023-09-01	ship_output	14.4	14.4	4.5	\N	\N	\N	\N	13	f
331002	2023-09-01	ind_output	42	\N	-4.25	\N	\N	\N	\N	13	f
331002	2023-09-01	above_scale_firms	\N	\N	\N	44	\N	\N	\N	13	f
331002	2023-09-01	tax_per_mu	\N	\N	\N	\N	940	24	\N	13	f
331002	2023-11-01	ship_output	42.4	14.4	4.5	\N	\N	\N	\N	15	f
331002	2023-11-01	ind_output	126	\N	-4.25	\N	\N	\N	\N	15	f
331002	2023-11-01	above_scale_firms	\N	\N	\N	44	\N	\N	\N	15	f
331002	2023-11-01	tax_per_mu	\N	\N	\N	\N	940	24	\N	15	f
331003	2023-09-01	ship_output	15.5	15.5	5.5	\N	\N	\N	\N	16	f
331003	2023-09-01	ind_output	45	\N	-5.25	\N	\N	\N	\N	16	f
331003	2023-09-01	above_scale_firms	\N	\N	\N	45	\N	\N	\N	16	f
331003	2023-09-01	tax_per_mu	\N	\N	\N	\N	950	25	\N	16	f
331003	2023-11-01	ship_output	45.5	15.5	5.5	\N	\N	\N	\N	18	f
331003	2023-11-01	ind_output	135	\N	-5.25	\N	\N	\N	\N	18	f
331003	2023-11-01	above_scale_firms	\N	\N	\N	45	\N	\N	\N	18	f
331003	2023-11-01	tax_per_mu	\N	\N	\N	\N	950	25	\N	18	f
331082	2023-09-01	ship_output	16.6	16.6	6.5	\N	\N	\N	\N	19	f
331082	2023-09-01	ind_output	48	\N	-6.25	\N	\N	\N	\N	19	f
331082	2023-09-01	above_scale_firms	\N	\N	\N	46	\N	\N	\N	19	f
331082	2023-09-01	tax_per_mu	\N	\N	\N	\N	960	26	\N	19	f
331082	2023-11-01	ind_output	144	\N	-6.25	\N	\N	\N	\N	21	f
331082	2023-11-01	above_scale_firms	\N	\N	\N	46	\N	\N	\N	21	f
331082	2023-11-01	tax_per_mu	\N	\N	\N	\N	960	26	\N	21	f
330902	2023-10-01	ind_value_added	\N	\N	17.3	\N	\N	\N	\N	22	f
331082	2023-11-01	tech_investment	4.50	\N	3.0	\N	\N	\N	预计数	23	t
331082	2023-11-01	value_added_per_mu	\N	\N	\N	48.3	\N	\N	\N	23	f
330900	2023-11-01	ship_output	138.6	\N	\N	\N	\N	\N	\N	24	f
330900	2023-11-01	ind_output	999	\N	1.0	\N	\N	\N	\N	24	f
331000	2023-11-01	above_scale_firms	\N	\N	\N	150	\N	\N	\N	25	f
330000	2023-11-01	above_scale_firms	\N	\N	\N	300	\N	\N	\N	26	f
331082	2023-11-01	ship_output	66.6	22.6	6.5	\N	\N	\N	\N	27	f
330903	2023-11-01	ship_output	33.10	11.1	1.50	\N	\N	\N	\N	28	f
330903	2023-11-01	above_scale_firms	\N	\N	\N	41	\N	\N	\N	28	f
330922	2023-11-01	ship_output	40.3	\N	\N	\N	\N	\N	\N	35	f
330921	2023-11-01	ind_output	120	\N	2.5	\N	\N	\N	\N	36	f
331000	2023-11-01	ship_output	159.10	\N	4.6	\N	\N	\N	\N	37	f
\.


--
-- Data for Name: indicator_parts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.indicator_parts (part, whole) FROM stdin;
ship_output	ind_output
ind_value_added	ind_output
export_delivery	ind_output
new_product_output	ind_output
mfg_investment	industrial_investment
tech_investment	industrial_investment
high_tech_value_added	ind_value_added
mfg_output	ind_output
district_ind_output	ind_output
district_ind_value_added	ind_value_added
digital_core_mfg_output	ind_output
zero_land_tech_investment	tech_investment
major_project_investment	industrial_investment
\.


--
-- Data for Name: indicators; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.indicators (code, name, unit, kind, num_unit, den_unit, comparable_growth, better, frequency, builtin) FROM stdin;
export_delivery	规上工业出口交货值	亿元	flow	\N	\N	f	higher	monthly	f
new_product_output	规上工业新产品产值	亿元	flow	\N	\N	f	higher	monthly	f
high_tech_value_added	高新技术产业增加值	亿元	flow	\N	\N	t	higher	monthly	f
rd_expense	规上工业研发费用	亿元	flow	\N	\N	f	higher	monthly	f
ind_revenue	规上工业营业收入	亿元	flow	\N	\N	f	higher	monthly	f
value_added_per_mu	规上工业亩均增加值	万元/亩	ratio	万元	亩	f	higher	monthly	f
ind_value_added	规上工业增加值	亿元	flow	\N	\N	t	higher	monthly	t
ind_output	规上工业总产值	亿元	flow	\N	\N	f	higher	monthly	t
ship_output	规上船舶工业产值	亿元	flow	\N	\N	f	higher	monthly	t
industrial_investment	工业投资	亿元	flow	\N	\N	f	higher	monthly	t
mfg_investment	制造业投资	亿元	flow	\N	\N	f	higher	monthly	t
tech_investment	技改投资	亿元	flow	\N	\N	f	higher	monthly	t
digital_core_revenue	规上数字经济核心产业营收	亿元	flow	\N	\N	f	higher	monthly	t
exports	外贸出口总额	亿美元	flow	\N	\N	f	higher	monthly	t
retail_sales	限上消费品零售总额	亿元	flow	\N	\N	f	higher	monthly	t
industrial_power	工业用电量	万千瓦时	flow	\N	\N	f	higher	monthly	t
burden_reduction	为企业减负	亿元	flow	\N	\N	f	higher	monthly	t
new_5g_stations	新增5G基站	个	flow	\N	\N	f	higher	monthly	t
above_scale_firms	规上工业企业数	家	stock	\N	\N	f	higher	monthly	t
tax_per_mu	规上工业亩均税收	万元/亩	ratio	万元	亩	f	higher	monthly	t
mfg_output	规上制造业产值	亿元	flow	\N	\N	f	higher	monthly	f
district_ind_output	区属规上工业产值	亿元	flow	\N	\N	f	higher	monthly	f
district_ind_value_added	区属规上工业增加值	亿元	flow	\N	\N	f	higher	monthly	f
below_scale_value_added	规下工业增加值	亿元	flow	\N	\N	f	higher	quarterly	f
digital_core_value_added	数字经济核心产业增加值	亿元	flow	\N	\N	f	higher	monthly	f
digital_core_mfg_output	数字经济核心制造业产值	亿元	flow	\N	\N	f	higher	monthly	f
software_revenue	软件和信息技术服务业收入	亿元	flow	\N	\N	f	higher	monthly	f
zero_land_tech_investment	零增地技改投资	亿元	flow	\N	\N	f	higher	monthly	f
zero_land_tech_projects	零增地技改项目数	项	flow	\N	\N	f	higher	monthly	f
major_project_investment	千万元以上工业项目完成投资	亿元	flow	\N	\N	f	higher	monthly	f
major_projects	千万元以上工业项目数	项	stock	\N	\N	f	higher	monthly	f
new_above_scale_firms	新增规上工业企业	家	flow	\N	\N	f	higher	monthly	f
specialized_firms	专精特新企业数	家	stock	\N	\N	f	higher	monthly	f
little_giant_firms	专精特新“小巨人”企业数	家	stock	\N	\N	f	higher	monthly	f
energy_intensity	单位工业增加值能耗	吨标准煤/万元	ratio	吨标准煤	万元	f	lower	monthly	f
\.


--
-- Data for Name: lock_history; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.lock_history (id, region, period, action, office, at) FROM stdin;
1	330900	2023-11-01	lock	330900	2026-12-03 10:19:45.510403+00
2	330900	2023-11-01	unlock	330900	2026-12-03 10:19:45.591328+00
\.


--
-- Data for Name: offices; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.offices (code, region, role, token_hash, created_at, revoked_at) FROM stdin;
331002	331002	county	\\xe99caa21e09a5f155f1fe95141aba9e6a4cb096ff656df769fa88d38e15efeb8	2026-12-03 10:19:44.647349+00	\N
330900	330900	city	\\x05335a76d5e9eddaa49f6b0a8056bffb3369b5bbb71527efa294704f04fda0b6	2026-12-03 10:19:44.659544+00	\N
331000	331000	city	\\x74d281b2009353d9eb3b6a6c5c1ab8eec95805f13502e48d679159b201847c36	2026-12-03 10:19:44.67301+00	\N
330921	330921	county	\\xad12ce90dc7dbe7615a7e49700d9e84f400a9b98cf7abb1287e9de108c561a40	2026-12-03 10:19:44.686401+00	\N
330922	330922	county	\\x586cf9721e9bea726d6e8f817c66d3946328977cecfc72abedeb2768048129e3	2026-12-03 10:19:44.700186+00	\N
330000	330000	province	\\x60a1b398b1dfa908c020ffde1ae10b297561a43758fa6baa0c5daa949f6adf41	2026-12-03 10:19:44.714417+00	\N
330903	330903	county	\\x971c3b62108590feb7ccc3517660c280da5a34f530d949c9e2b0a5a116f545a5	2026-12-03 10:19:44.732598+00	\N
331003	331003	county	\\x7a3dcfc234a449a16a49f3be56fd1d6a8772204e8752a4790bd7bd999bcf139b	2026-12-03 10:19:44.749746+00	\N
330902	330902	county	\\x85fc471ed94ef0b273fd27a34117a20fac4d4d27a23d4b072b8944ee8b2c0b79	2026-12-03 10:19:44.760355+00	\N
331082	331082	county	\\x20df732301a2981a17d0b7dcbe1488af37245e36a405f705693be180c6cea7b8	2026-12-03 10:19:44.773909+00	\N
p330000	330000	province	\\x6bb3930c14ac65c937fa2d9e94ab493540a3a654ac464cfcbeb10ca687f64adc	2026-12-03 10:19:44.788846+00	\N
\.


--
-- Data for Name: period_locks; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.period_locks (region, period, locked_by, locked_at) FROM stdin;
\.


--
-- Data for Name: reference_version; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reference_version (only_row, version) FROM stdin;
t	1
\.


--
-- Data for Name: region_periods; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.region_periods (region, period, revision, submission_id) FROM stdin;
330902	2023-09-01	1	1
330902	2023-11-01	1	3
330903	2023-09-01	1	4
330903	2023-10-01	1	5
330921	2023-09-01	1	7
330922	2023-09-01	1	10
331002	2023-09-01	1	13
331002	2023-11-01	1	15
331003	2023-09-01	1	16
331003	2023-11-01	1	18
331082	2023-09-01	1	19
330902	2023-10-01	2	22
330900	2023-11-01	1	24
330000	2023-11-01	1	26
331082	2023-11-01	3	27
330903	2023-11-01	2	28
330922	2023-11-01	2	35
330921	2023-11-01	2	36
331000	2023-11-01	2	37
\.


--
-- Data for Name: regions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.regions (code, name, parent, level, in_sum) FROM stdin;
110000	北京市	\N	province	t
120000	天津市	\N	province	t
130000	河北省	\N	province	t
140000	山西省	\N	province	t
150000	内蒙古自治区	\N	province	t
210000	辽宁省	\N	province	t
220000	吉林省	\N	province	t
230000	黑龙江省	\N	province	t
310000	上海市	\N	province	t
320000	江苏省	\N	province	t
330000	浙江省	\N	province	t
340000	安徽省	\N	province	t
350000	福建省	\N	province	t
360000	江西省	\N	province	t
370000	山东省	\N	province	t
410000	河南省	\N	province	t
420000	湖北省	\N	province	t
430000	湖南省	\N	province	t
440000	广东省	\N	province	t
450000	广西壮族自治区	\N	province	t
460000	海南省	\N	province	t
500000	重庆市	\N	province	t
510000	四川省	\N	province	t
520000	贵州省	\N	province	t
530000	云南省	\N	province	t
540000	西藏自治区	\N	province	t
610000	陕西省	\N	province	t
620000	甘肃省	\N	province	t
630000	青海省	\N	province	t
640000	宁夏回族自治区	\N	province	t
650000	新疆维吾尔自治区	\N	province	t
110100	市辖区	110000	city	t
120100	市辖区	120000	city	t
130100	石家庄市	130000	city	t
130200	唐山市	130000	city	t
130300	秦皇岛市	130000	city	t
130400	邯郸市	130000	city	t
130500	邢台市	130000	city	t
130600	保定市	130000	city	t
130700	张家口市	130000	city	t
130800	承德市	130000	city	t
130900	沧州市	130000	city	t
131000	廊坊市	130000	city	t
131100	衡水市	130000	city	t
140100	太原市	140000	city	t
140200	大同市	140000	city	t
140300	阳泉市	140000	city	t
140400	长治市	140000	city	t
140500	晋城市	140000	city	t
140600	朔州市	140000	city	t
140700	晋中市	140000	city	t
140800	运城市	140000	city	t
140900	忻州市	140000	city	t
141000	临汾市	140000	city	t
141100	吕梁市	140000	city	t
150100	呼和浩特市	150000	city	t
150200	包头市	150000	city	t
150300	乌海市	150000	city	t
150400	赤峰市	150000	city	t
150500	通辽市	150000	city	t
150600	鄂尔多斯市	150000	city	t
150700	呼伦贝尔市	150000	city	t
150800	巴彦淖尔市	150000	city	t
150900	乌兰察布市	150000	city	t
152200	兴安盟	150000	city	t
152500	锡林郭勒盟	150000	city	t
152900	阿拉善盟	150000	city	t
210100	沈阳市	210000	city	t
210200	大连市	210000	city	t
210300	鞍山市	210000	city	t
210400	抚顺市	210000	city	t
210500	本溪市	210000	city	t
210600	丹东市	210000	city	t
210700	锦州市	210000	city	t
210800	营口市	210000	city	t
210900	阜新市	210000	city	t
211000	辽阳市	210000	city	t
211100	盘锦市	210000	city	t
211200	铁岭市	210000	city	t
211300	朝阳市	210000	city	t
211400	葫芦岛市	210000	city	t
220100	长春市	220000	city	t
220200	吉林市	220000	city	t
220300	四平市	220000	city	t
220400	辽源市	220000	city	t
220500	通化市	220000	city	t
220600	白山市	220000	city	t
220700	松原市	220000	city	t
220800	白城市	220000	city	t
222400	延边朝鲜族自治州	220000	city	t
230100	哈尔滨市	230000	city	t
230200	齐齐哈尔市	230000	city	t
230300	鸡西市	230000	city	t
230400	鹤岗市	230000	city	t
230500	双鸭山市	230000	city	t
230600	大庆市	230000	city	t
230700	伊春市	230000	city	t
230800	佳木斯市	230000	city	t
230900	七台河市	230000	city	t
231000	牡丹江市	230000	city	t
231100	黑河市	230000	city	t
231200	绥化市	230000	city	t
232700	大兴安岭地区	230000	city	t
310100	市辖区	310000	city	t
320100	南京市	320000	city	t
320200	无锡市	320000	city	t
320300	徐州市	320000	city	t
320400	常州市	320000	city	t
320500	苏州市	320000	city	t
320600	南通市	320000	city	t
320700	连云港市	320000	city	t
320800	淮安市	320000	city	t
320900	盐城市	320000	city	t
321000	扬州市	320000	city	t
321100	镇江市	320000	city	t
321200	泰州市	320000	city	t
321300	宿迁市	320000	city	t
330100	杭州市	330000	city	t
330200	宁波市	330000	city	t
330300	温州市	330000	city	t
330400	嘉兴市	330000	city	t
330500	湖州市	330000	city	t
330600	绍兴市	330000	city	t
330700	金华市	330000	city	t
330800	衢州市	330000	city	t
330900	舟山市	330000	city	t
331000	台州市	330000	city	t
331100	丽水市	330000	city	t
340100	合肥市	340000	city	t
340200	芜湖市	340000	city	t
340300	蚌埠市	340000	city	t
340400	淮南市	340000	city	t
340500	马鞍山市	340000	city	t
340600	淮北市	340000	city	t
340700	铜陵市	340000	city	t
340800	安庆市	340000	city	t
341000	黄山市	340000	city	t
341100	滁州市	340000	city	t
341200	阜阳市	340000	city	t
341300	宿州市	340000	city	t
341500	六安市	340000	city	t
341600	亳州市	340000	city	t
341700	池州市	340000	city	t
341800	宣城市	340000	city	t
350100	福州市	350000	city	t
350200	厦门市	350000	city	t
350300	莆田市	350000	city	t
350400	三明市	350000	city	t
350500	泉州市	350000	city	t
350600	漳州市	350000	city	t
350700	南平市	350000	city	t
350800	龙岩市	350000	city	t
350900	宁德市	350000	city	t
360100	南昌市	360000	city	t
360200	景德镇市	360000	city	t
360300	萍乡市	360000	city	t
360400	九江市	360000	city	t
360500	新余市	360000	city	t
360600	鹰潭市	360000	city	t
360700	赣州市	360000	city	t
360800	吉安市	360000	city	t
360900	宜春市	360000	city	t
361000	抚州市	360000	city	t
361100	上饶市	360000	city	t
370100	济南市	370000	city	t
370200	青岛市	370000	city	t
370300	淄博市	370000	city	t
370400	枣庄市	370000	city	t
370500	东营市	370000	city	t
370600	烟台市	370000	city	t
370700	潍坊市	370000	city	t
370800	济宁市	370000	city	t
370900	泰安市	370000	city	t
371000	威海市	370000	city	t
371100	日照市	370000	city	t
371300	临沂市	370000	city	t
371400	德州市	370000	city	t
371500	聊城市	370000	city	t
371600	滨州市	370000	city	t
371700	菏泽市	370000	city	t
410100	郑州市	410000	city	t
410200	开封市	410000	city	t
410300	洛阳市	410000	city	t
410400	平顶山市	410000	city	t
410500	安阳市	410000	city	t
410600	鹤壁市	410000	city	t
410700	新乡市	410000	city	t
410800	焦作市	410000	city	t
410900	濮阳市	410000	city	t
411000	许昌市	410000	city	t
411100	漯河市	410000	city	t
411200	三门峡市	410000	city	t
411300	南阳市	410000	city	t
411400	商丘市	410000	city	t
411500	信阳市	410000	city	t
411600	周口市	410000	city	t
411700	驻马店市	410000	city	t
419000	省直辖县级行政区划	410000	city	t
420100	武汉市	420000	city	t
420200	黄石市	420000	city	t
420300	十堰市	420000	city	t
420500	宜昌市	420000	city	t
420600	襄阳市	420000	city	t
420700	鄂州市	420000	city	t
420800	荆门市	420000	city	t
420900	孝感市	420000	city	t
421000	荆州市	420000	city	t
421100	黄冈市	420000	city	t
421200	咸宁市	420000	city	t
421300	随州市	420000	city	t
422800	恩施土家族苗族自治州	420000	city	t
429000	省直辖县级行政区划	420000	city	t
430100	长沙市	430000	city	t
430200	株洲市	430000	city	t
430300	湘潭市	430000	city	t
430400	衡阳市	430000	city	t
430500	邵阳市	430000	city	t
430600	岳阳市	430000	city	t
430700	常德市	430000	city	t
430800	张家界市	430000	city	t
430900	益阳市	430000	city	t
431000	郴州市	430000	city	t
431100	永州市	430000	city	t
431200	怀化市	430000	city	t
431300	娄底市	430000	city	t
433100	湘西土家族苗族自治州	430000	city	t
440100	广州市	440000	city	t
440200	韶关市	440000	city	t
440300	深圳市	440000	city	t
440400	珠海市	440000	city	t
440500	汕头市	440000	city	t
440600	佛山市	440000	city	t
440700	江门市	440000	city	t
440800	湛江市	440000	city	t
440900	茂名市	440000	city	t
441200	肇庆市	440000	city	t
441300	惠州市	440000	city	t
441400	梅州市	440000	city	t
441500	汕尾市	440000	city	t
441600	河源市	440000	city	t
441700	阳江市	440000	city	t
441800	清远市	440000	city	t
441900	东莞市	440000	city	t
442000	中山市	440000	city	t
445100	潮州市	440000	city	t
445200	揭阳市	440000	city	t
445300	云浮市	440000	city	t
450100	南宁市	450000	city	t
450200	柳州市	450000	city	t
450300	桂林市	450000	city	t
450400	梧州市	450000	city	t
450500	北海市	450000	city	t
450600	防城港市	450000	city	t
450700	钦州市	450000	city	t
450800	贵港市	450000	city	t
450900	玉林市	450000	city	t
451000	百色市	450000	city	t
451100	贺州市	450000	city	t
451200	河池市	450000	city	t
451300	来宾市	450000	city	t
451400	崇左市	450000	city	t
460100	海口市	460000	city	t
460200	三亚市	460000	city	t
460300	三沙市	460000	city	t
460400	儋州市	460000	city	t
469000	省直辖县级行政区划	460000	city	t
500100	市辖区	500000	city	t
500200	县	500000	city	t
510100	成都市	510000	city	t
510300	自贡市	510000	city	t
510400	攀枝花市	510000	city	t
510500	泸州市	510000	city	t
510600	德阳市	510000	city	t
510700	绵阳市	510000	city	t
510800	广元市	510000	city	t
510900	遂宁市	510000	city	t
511000	内江市	510000	city	t
511100	乐山市	510000	city	t
511300	南充市	510000	city	t
511400	眉山市	510000	city	t
511500	宜宾市	510000	city	t
511600	广安市	510000	city	t
511700	达州市	510000	city	t
511800	雅安市	510000	city	t
511900	巴中市	510000	city	t
512000	资阳市	510000	city	t
513200	阿坝藏族羌族自治州	510000	city	t
513300	甘孜藏族自治州	510000	city	t
513400	凉山彝族自治州	510000	city	t
520100	贵阳市	520000	city	t
520200	六盘水市	520000	city	t
520300	遵义市	520000	city	t
520400	安顺市	520000	city	t
520500	毕节市	520000	city	t
520600	铜仁市	520000	city	t
522300	黔西南布依族苗族自治州	520000	city	t
522600	黔东南苗族侗族自治州	520000	city	t
522700	黔南布依族苗族自治州	520000	city	t
530100	昆明市	530000	city	t
530300	曲靖市	530000	city	t
530400	玉溪市	530000	city	t
530500	保山市	530000	city	t
530600	昭通市	530000	city	t
530700	丽江市	530000	city	t
530800	普洱市	530000	city	t
530900	临沧市	530000	city	t
532300	楚雄彝族自治州	530000	city	t
532500	红河哈尼族彝族自治州	530000	city	t
532600	文山壮族苗族自治州	530000	city	t
532800	西双版纳傣族自治州	530000	city	t
532900	大理白族自治州	530000	city	t
533100	德宏傣族景颇族自治州	530000	city	t
533300	怒江傈僳族自治州	530000	city	t
533400	迪庆藏族自治州	530000	city	t
540100	拉萨市	540000	city	t
540200	日喀则市	540000	city	t
540300	昌都市	540000	city	t
540400	林芝市	540000	city	t
540500	山南市	540000	city	t
540600	那曲市	540000	city	t
542500	阿里地区	540000	city	t
610100	西安市	610000	city	t
610200	铜川市	610000	city	t
610300	宝鸡市	610000	city	t
610400	咸阳市	610000	city	t
610500	渭南市	610000	city	t
610600	延安市	610000	city	t
610700	汉中市	610000	city	t
610800	榆林市	610000	city	t
610900	安康市	610000	city	t
611000	商洛市	610000	city	t
620100	兰州市	620000	city	t
620200	嘉峪关市	620000	city	t
620300	金昌市	620000	city	t
620400	白银市	620000	city	t
620500	天水市	620000	city	t
620600	武威市	620000	city	t
620700	张掖市	620000	city	t
620800	平凉市	620000	city	t
620900	酒泉市	620000	city	t
621000	庆阳市	620000	city	t
621100	定西市	620000	city	t
621200	陇南市	620000	city	t
622900	临夏回族自治州	620000	city	t
623000	甘南藏族自治州	620000	city	t
630100	西宁市	630000	city	t
630200	海东市	630000	city	t
632200	海北藏族自治州	630000	city	t
632300	黄南藏族自治州	630000	city	t
632500	海南藏族自治州	630000	city	t
632600	果洛藏族自治州	630000	city	t
632700	玉树藏族自治州	630000	city	t
632800	海西蒙古族藏族自治州	630000	city	t
640100	银川市	640000	city	t
640200	石嘴山市	640000	city	t
640300	吴忠市	640000	city	t
640400	固原市	640000	city	t
640500	中卫市	640000	city	t
650100	乌鲁木齐市	650000	city	t
650200	克拉玛依市	650000	city	t
650400	吐鲁番市	650000	city	t
650500	哈密市	650000	city	t
652300	昌吉回族自治州	650000	city	t
652700	博尔塔拉蒙古自治州	650000	city	t
652800	巴音郭楞蒙古自治州	650000	city	t
652900	阿克苏地区	650000	city	t
653000	克孜勒苏柯尔克孜自治州	650000	city	t
653100	喀什地区	650000	city	t
653200	和田地区	650000	city	t
654000	伊犁哈萨克自治州	650000	city	t
654200	塔城地区	650000	city	t
654300	阿勒泰地区	650000	city	t
659000	自治区直辖县级行政区划	650000	city	t
110101	东城区	110100	county	t
110102	西城区	110100	county	t
110105	朝阳区	110100	county	t
110106	丰台区	110100	county	t
110107	石景山区	110100	county	t
110108	海淀区	110100	county	t
110109	门头沟区	110100	county	t
110111	房山区	110100	county	t
110112	通州区	110100	county	t
110113	顺义区	110100	county	t
110114	昌平区	110100	county	t
110115	大兴区	110100	county	t
110116	怀柔区	110100	county	t
110117	平谷区	110100	county	t
110118	密云区	110100	county	t
110119	延庆区	110100	county	t
120101	和平区	120100	county	t
120102	河东区	120100	county	t
120103	河西区	120100	county	t
120104	南开区	120100	county	t
120105	河北区	120100	county	t
120106	红桥区	120100	county	t
120110	东丽区	120100	county	t
120111	西青区	120100	county	t
120112	津南区	120100	county	t
120113	北辰区	120100	county	t
120114	武清区	120100	county	t
120115	宝坻区	120100	county	t
120116	滨海新区	120100	county	t
120117	宁河区	120100	county	t
120118	静海区	120100	county	t
120119	蓟州区	120100	county	t
130102	长安区	130100	county	t
130104	桥西区	130100	county	t
130105	新华区	130100	county	t
130107	井陉矿区	130100	county	t
130108	裕华区	130100	county	t
130109	藁城区	130100	county	t
130110	鹿泉区	130100	county	t
130111	栾城区	130100	county	t
130121	井陉县	130100	county	t
130123	正定县	130100	county	t
130125	行唐县	130100	county	t
130126	灵寿县	130100	county	t
130127	高邑县	130100	county	t
130128	深泽县	130100	county	t
130129	赞皇县	130100	county	t
130130	无极县	130100	county	t
130131	平山县	130100	county	t
130132	元氏县	130100	county	t
130133	赵县	130100	county	t
130171	石家庄高新技术产业开发区	130100	county	t
130172	石家庄循环化工园区	130100	county	t
130181	辛集市	130100	county	t
130183	晋州市	130100	county	t
130184	新乐市	130100	county	t
130202	路南区	130200	county	t
130203	路北区	130200	county	t
130204	古冶区	130200	county	t
130205	开平区	130200	county	t
130207	丰南区	130200	county	t
130208	丰润区	130200	county	t
130209	曹妃甸区	130200	county	t
130224	滦南县	130200	county	t
130225	乐亭县	130200	county	t
130227	迁西县	130200	county	t
130229	玉田县	130200	county	t
130271	河北唐山芦台经济开发区	130200	county	t
130272	唐山市汉沽管理区	130200	county	t
130273	唐山高新技术产业开发区	130200	county	t
130274	河北唐山海港经济开发区	130200	county	t
130281	遵化市	130200	county	t
130283	迁安市	130200	county	t
130284	滦州市	130200	county	t
130302	海港区	130300	county	t
130303	山海关区	130300	county	t
130304	北戴河区	130300	county	t
130306	抚宁区	130300	county	t
130321	青龙满族自治县	130300	county	t
130322	昌黎县	130300	county	t
130324	卢龙县	130300	county	t
130371	秦皇岛市经济技术开发区	130300	county	t
130372	北戴河新区	130300	county	t
130402	邯山区	130400	county	t
130403	丛台区	130400	county	t
130404	复兴区	130400	county	t
130406	峰峰矿区	130400	county	t
130407	肥乡区	130400	county	t
130408	永年区	130400	county	t
130423	临漳县	130400	county	t
130424	成安县	130400	county	t
130425	大名县	130400	county	t
130426	涉县	130400	county	t
130427	磁县	130400	county	t
130430	邱县	130400	county	t
130431	鸡泽县	130400	county	t
130432	广平县	130400	county	t
130433	馆陶县	130400	county	t
130434	魏县	130400	county	t
130435	曲周县	130400	county	t
130471	邯郸经济技术开发区	130400	county	t
130473	邯郸冀南新区	130400	county	t
130481	武安市	130400	county	t
130502	襄都区	130500	county	t
130503	信都区	130500	county	t
130505	任泽区	130500	county	t
130506	南和区	130500	county	t
130522	临城县	130500	county	t
130523	内丘县	130500	county	t
130524	柏乡县	130500	county	t
130525	隆尧县	130500	county	t
130528	宁晋县	130500	county	t
130529	巨鹿县	130500	county	t
130530	新河县	130500	county	t
130531	广宗县	130500	county	t
130532	平乡县	130500	county	t
130533	威县	130500	county	t
130534	清河县	130500	county	t
130535	临西县	130500	county	t
130571	河北邢台经济开发区	130500	county	t
130581	南宫市	130500	county	t
130582	沙河市	130500	county	t
130602	竞秀区	130600	county	t
130606	莲池区	130600	county	t
130607	满城区	130600	county	t
130608	清苑区	130600	county	t
130609	徐水区	130600	county	t
130623	涞水县	130600	county	t
130624	阜平县	130600	county	t
130626	定兴县	130600	county	t
130627	唐县	130600	county	t
130628	高阳县	130600	county	t
130629	容城县	130600	county	t
130630	涞源县	130600	county	t
130631	望都县	130600	county	t
130632	安新县	130600	county	t
130633	易县	130600	county	t
130634	曲阳县	130600	county	t
130635	蠡县	130600	county	t
130636	顺平县	130600	county	t
130637	博野县	130600	county	t
130638	雄县	130600	county	t
130671	保定高新技术产业开发区	130600	county	t
130672	保定白沟新城	130600	county	t
130681	涿州市	130600	county	t
130682	定州市	130600	county	t
130683	安国市	130600	county	t
130684	高碑店市	130600	county	t
130702	桥东区	130700	county	t
130703	桥西区	130700	county	t
130705	宣化区	130700	county	t
130706	下花园区	130700	county	t
130708	万全区	130700	county	t
130709	崇礼区	130700	county	t
130722	张北县	130700	county	t
130723	康保县	130700	county	t
130724	沽源县	130700	county	t
130725	尚义县	130700	county	t
130726	蔚县	130700	county	t
130727	阳原县	130700	county	t
130728	怀安县	130700	county	t
130730	怀来县	130700	county	t
130731	涿鹿县	130700	county	t
130732	赤城县	130700	county	t
130771	张家口经济开发区	130700	county	t
130772	张家口市察北管理区	130700	county	t
130773	张家口市塞北管理区	130700	county	t
130802	双桥区	130800	county	t
130803	双滦区	130800	county	t
130804	鹰手营子矿区	130800	county	t
130821	承德县	130800	county	t
130822	兴隆县	130800	county	t
130824	滦平县	130800	county	t
130825	隆化县	130800	county	t
130826	丰宁满族自治县	130800	county	t
130827	宽城满族自治县	130800	county	t
130828	围场满族蒙古族自治县	130800	county	t
130871	承德高新技术产业开发区	130800	county	t
130881	平泉市	130800	county	t
130902	新华区	130900	county	t
130903	运河区	130900	county	t
130921	沧县	130900	county	t
130922	青县	130900	county	t
130923	东光县	130900	county	t
130924	海兴县	130900	county	t
130925	盐山县	130900	county	t
130926	肃宁县	130900	county	t
130927	南皮县	130900	county	t
130928	吴桥县	130900	county	t
130929	献县	130900	county	t
130930	孟村回族自治县	130900	county	t
130971	河北沧州经济开发区	130900	county	t
130972	沧州高新技术产业开发区	130900	county	t
130973	沧州渤海新区	130900	county	t
130981	泊头市	130900	county	t
130982	任丘市	130900	county	t
130983	黄骅市	130900	county	t
130984	河间市	130900	county	t
131002	安次区	131000	county	t
131003	广阳区	131000	county	t
131022	固安县	131000	county	t
131023	永清县	131000	county	t
131024	香河县	131000	county	t
131025	大城县	131000	county	t
131026	文安县	131000	county	t
131028	大厂回族自治县	131000	county	t
131071	廊坊经济技术开发区	131000	county	t
131081	霸州市	131000	county	t
131082	三河市	131000	county	t
131102	桃城区	131100	county	t
131103	冀州区	131100	county	t
131121	枣强县	131100	county	t
131122	武邑县	131100	county	t
131123	武强县	131100	county	t
131124	饶阳县	131100	county	t
131125	安平县	131100	county	t
131126	故城县	131100	county	t
131127	景县	131100	county	t
131128	阜城县	131100	county	t
131171	河北衡水高新技术产业开发区	131100	county	t
131172	衡水滨湖新区	131100	county	t
131182	深州市	131100	county	t
140105	小店区	140100	county	t
140106	迎泽区	140100	county	t
140107	杏花岭区	140100	county	t
140108	尖草坪区	140100	county	t
140109	万柏林区	140100	county	t
140110	晋源区	140100	county	t
140121	清徐县	140100	county	t
140122	阳曲县	140100	county	t
140123	娄烦县	140100	county	t
140171	山西转型综合改革示范区	140100	county	t
140181	古交市	140100	county	t
140212	新荣区	140200	county	t
140213	平城区	140200	county	t
140214	云冈区	140200	county	t
140215	云州区	140200	county	t
140221	阳高县	140200	county	t
140222	天镇县	140200	county	t
140223	广灵县	140200	county	t
140224	灵丘县	140200	county	t
140225	浑源县	140200	county	t
140226	左云县	140200	county	t
140271	山西大同经济开发区	140200	county	t
140302	城区	140300	county	t
140303	矿区	140300	county	t
140311	郊区	140300	county	t
140321	平定县	140300	county	t
140322	盂县	140300	county	t
140403	潞州区	140400	county	t
140404	上党区	140400	county	t
140405	屯留区	140400	county	t
140406	潞城区	140400	county	t
140423	襄垣县	140400	county	t
140425	平顺县	140400	county	t
140426	黎城县	140400	county	t
140427	壶关县	140400	county	t
140428	长子县	140400	county	t
140429	武乡县	140400	county	t
140430	沁县	140400	county	t
140431	沁源县	140400	county	t
140502	城区	140500	county	t
140521	沁水县	140500	county	t
140522	阳城县	140500	county	t
140524	陵川县	140500	county	t
140525	泽州县	140500	county	t
140581	高平市	140500	county	t
140602	朔城区	140600	county	t
140603	平鲁区	140600	county	t
140621	山阴县	140600	county	t
140622	应县	140600	county	t
140623	右玉县	140600	county	t
140671	山西朔州经济开发区	140600	county	t
140681	怀仁市	140600	county	t
140702	榆次区	140700	county	t
140703	太谷区	140700	county	t
140721	榆社县	140700	county	t
140722	左权县	140700	county	t
140723	和顺县	140700	county	t
140724	昔阳县	140700	county	t
140725	寿阳县	140700	county	t
140727	祁县	140700	county	t
140728	平遥县	140700	county	t
140729	灵石县	140700	county	t
140781	介休市	140700	county	t
140802	盐湖区	140800	county	t
140821	临猗县	140800	county	t
140822	万荣县	140800	county	t
140823	闻喜县	140800	county	t
140824	稷山县	140800	county	t
140825	新绛县	140800	county	t
140826	绛县	140800	county	t
140827	垣曲县	140800	county	t
140828	夏县	140800	county	t
140829	平陆县	140800	county	t
140830	芮城县	140800	county	t
140881	永济市	140800	county	t
140882	河津市	140800	county	t
140902	忻府区	140900	county	t
140921	定襄县	140900	county	t
140922	五台县	140900	county	t
140923	代县	140900	county	t
140924	繁峙县	140900	county	t
140925	宁武县	140900	county	t
140926	静乐县	140900	county	t
140927	神池县	140900	county	t
140928	五寨县	140900	county	t
140929	岢岚县	140900	county	t
140930	河曲县	140900	county	t
140931	保德县	140900	county	t
140932	偏关县	140900	county	t
140971	五台山风景名胜区	140900	county	t
140981	原平市	140900	county	t
141002	尧都区	141000	county	t
141021	曲沃县	141000	county	t
141022	翼城县	141000	county	t
141023	襄汾县	141000	county	t
141024	洪洞县	141000	county	t
141025	古县	141000	county	t
141026	安泽县	141000	county	t
141027	浮山县	141000	county	t
141028	吉县	141000	county	t
141029	乡宁县	141000	county	t
141030	大宁县	141000	county	t
141031	隰县	141000	county	t
141032	永和县	141000	county	t
141033	蒲县	141000	county	t
141034	汾西县	141000	county	t
141081	侯马市	141000	county	t
141082	霍州市	141000	county	t
141102	离石区	141100	county	t
141121	文水县	141100	county	t
141122	交城县	141100	county	t
141123	兴县	141100	county	t
141124	临县	141100	county	t
141125	柳林县	141100	county	t
141126	石楼县	141100	county	t
141127	岚县	141100	county	t
141128	方山县	141100	county	t
141129	中阳县	141100	county	t
141130	交口县	141100	county	t
141181	孝义市	141100	county	t
141182	汾阳市	141100	county	t
150102	新城区	150100	county	t
150103	回民区	150100	county	t
150104	玉泉区	150100	county	t
150105	赛罕区	150100	county	t
150121	土默特左旗	150100	county	t
150122	托克托县	150100	county	t
150123	和林格尔县	150100	county	t
150124	清水河县	150100	county	t
150125	武川县	150100	county	t
150172	呼和浩特经济技术开发区	150100	county	t
150202	东河区	150200	county	t
150203	昆都仑区	150200	county	t
150204	青山区	150200	county	t
150205	石拐区	150200	county	t
150206	白云鄂博矿区	150200	county	t
150207	九原区	150200	county	t
150221	土默特右旗	150200	county	t
150222	固阳县	150200	county	t
150223	达尔罕茂明安联合旗	150200	county	t
150271	包头稀土高新技术产业开发区	150200	county	t
150302	海勃湾区	150300	county	t
150303	海南区	150300	county	t
150304	乌达区	150300	county	t
150402	红山区	150400	county	t
150403	元宝山区	150400	county	t
150404	松山区	150400	county	t
150421	阿鲁科尔沁旗	150400	county	t
150422	巴林左旗	150400	county	t
150423	巴林右旗	150400	county	t
150424	林西县	150400	county	t
150425	克什克腾旗	150400	county	t
150426	翁牛特旗	150400	county	t
150428	喀喇沁旗	150400	county	t
150429	宁城县	150400	county	t
150430	敖汉旗	150400	county	t
150502	科尔沁区	150500	county	t
150521	科尔沁左翼中旗	150500	county	t
150522	科尔沁左翼后旗	150500	county	t
150523	开鲁县	150500	county	t
150524	库伦旗	150500	county	t
150525	奈曼旗	150500	county	t
150526	扎鲁特旗	150500	county	t
150571	通辽经济技术开发区	150500	county	t
150581	霍林郭勒市	150500	county	t
150602	东胜区	150600	county	t
150603	康巴什区	150600	county	t
150621	达拉特旗	150600	county	t
150622	准格尔旗	150600	county	t
150623	鄂托克前旗	150600	county	t
150624	鄂托克旗	150600	county	t
150625	杭锦旗	150600	county	t
150626	乌审旗	150600	county	t
150627	伊金霍洛旗	150600	county	t
150702	海拉尔区	150700	county	t
150703	扎赉诺尔区	150700	county	t
150721	阿荣旗	150700	county	t
150722	莫力达瓦达斡尔族自治旗	150700	county	t
150723	鄂伦春自治旗	150700	county	t
150724	鄂温克族自治旗	150700	county	t
150725	陈巴尔虎旗	150700	county	t
150726	新巴尔虎左旗	150700	county	t
150727	新巴尔虎右旗	150700	county	t
150781	满洲里市	150700	county	t
150782	牙克石市	150700	county	t
150783	扎兰屯市	150700	county	t
150784	额尔古纳市	150700	county	t
150785	根河市	150700	county	t
150802	临河区	150800	county	t
150821	五原县	150800	county	t
150822	磴口县	150800	county	t
150823	乌拉特前旗	150800	county	t
150824	乌拉特中旗	150800	county	t
150825	乌拉特后旗	150800	county	t
150826	杭锦后旗	150800	county	t
150902	集宁区	150900	county	t
150921	卓资县	150900	county	t
150922	化德县	150900	county	t
150923	商都县	150900	county	t
150924	兴和县	150900	county	t
150925	凉城县	150900	county	t
150926	察哈尔右翼前旗	150900	county	t
150927	察哈尔右翼中旗	150900	county	t
150928	察哈尔右翼后旗	150900	county	t
150929	四子王旗	150900	county	t
150981	丰镇市	150900	county	t
152201	乌兰浩特市	152200	county	t
152202	阿尔山市	152200	county	t
152221	科尔沁右翼前旗	152200	county	t
152222	科尔沁右翼中旗	152200	county	t
152223	扎赉特旗	152200	county	t
152224	突泉县	152200	county	t
152501	二连浩特市	152500	county	t
152502	锡林浩特市	152500	county	t
152522	阿巴嘎旗	152500	county	t
152523	苏尼特左旗	152500	county	t
152524	苏尼特右旗	152500	county	t
152525	东乌珠穆沁旗	152500	county	t
152526	西乌珠穆沁旗	152500	county	t
152527	太仆寺旗	152500	county	t
152528	镶黄旗	152500	county	t
152529	正镶白旗	152500	county	t
152530	正蓝旗	152500	county	t
152531	多伦县	152500	county	t
152571	乌拉盖管理区管委会	152500	county	t
152921	阿拉善左旗	152900	county	t
152922	阿拉善右旗	152900	county	t
152923	额济纳旗	152900	county	t
152971	内蒙古阿拉善高新技术产业开发区	152900	county	t
210102	和平区	210100	county	t
210103	沈河区	210100	county	t
210104	大东区	210100	county	t
210105	皇姑区	210100	county	t
210106	铁西区	210100	county	t
210111	苏家屯区	210100	county	t
210112	浑南区	210100	county	t
210113	沈北新区	210100	county	t
210114	于洪区	210100	county	t
210115	辽中区	210100	county	t
210123	康平县	210100	county	t
210124	法库县	210100	county	t
210181	新民市	210100	county	t
210202	中山区	210200	county	t
210203	西岗区	210200	county	t
210204	沙河口区	210200	county	t
210211	甘井子区	210200	county	t
210212	旅顺口区	210200	county	t
210213	金州区	210200	county	t
210214	普兰店区	210200	county	t
210224	长海县	210200	county	t
210281	瓦房店市	210200	county	t
210283	庄河市	210200	county	t
210302	铁东区	210300	county	t
210303	铁西区	210300	county	t
210304	立山区	210300	county	t
210311	千山区	210300	county	t
210321	台安县	210300	county	t
210323	岫岩满族自治县	210300	county	t
210381	海城市	210300	county	t
210402	新抚区	210400	county	t
210403	东洲区	210400	county	t
210404	望花区	210400	county	t
210411	顺城区	210400	county	t
210421	抚顺县	210400	county	t
210422	新宾满族自治县	210400	county	t
210423	清原满族自治县	210400	county	t
210502	平山区	210500	county	t
210503	溪湖区	210500	county	t
210504	明山区	210500	county	t
210505	南芬区	210500	county	t
210521	本溪满族自治县	210500	county	t
210522	桓仁满族自治县	210500	county	t
210602	元宝区	210600	county	t
210603	振兴区	210600	county	t
210604	振安区	210600	county	t
210624	宽甸满族自治县	210600	county	t
210681	东港市	210600	county	t
210682	凤城市	210600	county	t
210702	古塔区	210700	county	t
210703	凌河区	210700	county	t
210711	太和区	210700	county	t
210726	黑山县	210700	county	t
210727	义县	210700	county	t
210781	凌海市	210700	county	t
210782	北镇市	210700	county	t
210802	站前区	210800	county	t
210803	西市区	210800	county	t
210804	鲅鱼圈区	210800	county	t
210811	老边区	210800	county	t
210881	盖州市	210800	county	t
210882	大石桥市	210800	county	t
210902	海州区	210900	county	t
210903	新邱区	210900	county	t
210904	太平区	210900	county	t
210905	清河门区	210900	county	t
210911	细河区	210900	county	t
210921	阜新蒙古族自治县	210900	county	t
210922	彰武县	210900	county	t
211002	白塔区	211000	county	t
211003	文圣区	211000	county	t
211004	宏伟区	211000	county	t
211005	弓长岭区	211000	county	t
211011	太子河区	211000	county	t
211021	辽阳县	211000	county	t
211081	灯塔市	211000	county	t
211102	双台子区	211100	county	t
211103	兴隆台区	211100	county	t
211104	大洼区	211100	county	t
211122	盘山县	211100	county	t
211202	银州区	211200	county	t
211204	清河区	211200	county	t
211221	铁岭县	211200	county	t
211223	西丰县	211200	county	t
211224	昌图县	211200	county	t
211281	调兵山市	211200	county	t
211282	开原市	211200	county	t
211302	双塔区	211300	county	t
211303	龙城区	211300	county	t
211321	朝阳县	211300	county	t
211322	建平县	211300	county	t
211324	喀喇沁左翼蒙古族自治县	211300	county	t
211381	北票市	211300	county	t
211382	凌源市	211300	county	t
211402	连山区	211400	county	t
211403	龙港区	211400	county	t
211404	南票区	211400	county	t
211421	绥中县	211400	county	t
211422	建昌县	211400	county	t
211481	兴城市	211400	county	t
220102	南关区	220100	county	t
220103	宽城区	220100	county	t
220104	朝阳区	220100	county	t
220105	二道区	220100	county	t
220106	绿园区	220100	county	t
220112	双阳区	220100	county	t
220113	九台区	220100	county	t
220122	农安县	220100	county	t
220171	长春经济技术开发区	220100	county	t
220172	长春净月高新技术产业开发区	220100	county	t
220173	长春高新技术产业开发区	220100	county	t
220174	长春汽车经济技术开发区	220100	county	t
220182	榆树市	220100	county	t
220183	德惠市	220100	county	t
220184	公主岭市	220100	county	t
220202	昌邑区	220200	county	t
220203	龙潭区	220200	county	t
220204	船营区	220200	county	t
220211	丰满区	220200	county	t
220221	永吉县	220200	county	t
220271	吉林经济开发区	220200	county	t
220272	吉林高新技术产业开发区	220200	county	t
220273	吉林中国新加坡食品区	220200	county	t
220281	蛟河市	220200	county	t
220282	桦甸市	220200	county	t
220283	舒兰市	220200	county	t
220284	磐石市	220200	county	t
220302	铁西区	220300	county	t
220303	铁东区	220300	county	t
220322	梨树县	220300	county	t
220323	伊通满族自治县	220300	county	t
220382	双辽市	220300	county	t
220402	龙山区	220400	county	t
220403	西安区	220400	county	t
220421	东丰县	220400	county	t
220422	东辽县	220400	county	t
220502	东昌区	220500	county	t
220503	二道江区	220500	county	t
220521	通化县	220500	county	t
220523	辉南县	220500	county	t
220524	柳河县	220500	county	t
220581	梅河口市	220500	county	t
220582	集安市	220500	county	t
220602	浑江区	220600	county	t
220605	江源区	220600	county	t
220621	抚松县	220600	county	t
220622	靖宇县	220600	county	t
220623	长白朝鲜族自治县	220600	county	t
220681	临江市	220600	county	t
220702	宁江区	220700	county	t
220721	前郭尔罗斯蒙古族自治县	220700	county	t
220722	长岭县	220700	county	t
220723	乾安县	220700	county	t
220771	吉林松原经济开发区	220700	county	t
220781	扶余市	220700	county	t
220802	洮北区	220800	county	t
220821	镇赉县	220800	county	t
220822	通榆县	220800	county	t
220871	吉林白城经济开发区	220800	county	t
220881	洮南市	220800	county	t
220882	大安市	220800	county	t
222401	延吉市	222400	county	t
222402	图们市	222400	county	t
222403	敦化市	222400	county	t
222404	珲春市	222400	county	t
222405	龙井市	222400	county	t
222406	和龙市	222400	county	t
222424	汪清县	222400	county	t
222426	安图县	222400	county	t
230102	道里区	230100	county	t
230103	南岗区	230100	county	t
230104	道外区	230100	county	t
230108	平房区	230100	county	t
230109	松北区	230100	county	t
230110	香坊区	230100	county	t
230111	呼兰区	230100	county	t
230112	阿城区	230100	county	t
230113	双城区	230100	county	t
230123	依兰县	230100	county	t
230124	方正县	230100	county	t
230125	宾县	230100	county	t
230126	巴彦县	230100	county	t
230127	木兰县	230100	county	t
230128	通河县	230100	county	t
230129	延寿县	230100	county	t
230183	尚志市	230100	county	t
230184	五常市	230100	county	t
230202	龙沙区	230200	county	t
230203	建华区	230200	county	t
230204	铁锋区	230200	county	t
230205	昂昂溪区	230200	county	t
230206	富拉尔基区	230200	county	t
230207	碾子山区	230200	county	t
230208	梅里斯达斡尔族区	230200	county	t
230221	龙江县	230200	county	t
230223	依安县	230200	county	t
230224	泰来县	230200	county	t
230225	甘南县	230200	county	t
230227	富裕县	230200	county	t
230229	克山县	230200	county	t
230230	克东县	230200	county	t
230231	拜泉县	230200	county	t
230281	讷河市	230200	county	t
230302	鸡冠区	230300	county	t
230303	恒山区	230300	county	t
230304	滴道区	230300	county	t
230305	梨树区	230300	county	t
230306	城子河区	230300	county	t
230307	麻山区	230300	county	t
230321	鸡东县	230300	county	t
230381	虎林市	230300	county	t
230382	密山市	230300	county	t
230402	向阳区	230400	county	t
230403	工农区	230400	county	t
230404	南山区	230400	county	t
230405	兴安区	230400	county	t
230406	东山区	230400	county	t
230407	兴山区	230400	county	t
230421	萝北县	230400	county	t
230422	绥滨县	230400	county	t
230502	尖山区	230500	county	t
230503	岭东区	230500	county	t
230505	四方台区	230500	county	t
230506	宝山区	230500	county	t
230521	集贤县	230500	county	t
230522	友谊县	230500	county	t
230523	宝清县	230500	county	t
230524	饶河县	230500	county	t
230602	萨尔图区	230600	county	t
230603	龙凤区	230600	county	t
230604	让胡路区	230600	county	t
230605	红岗区	230600	county	t
230606	大同区	230600	county	t
230621	肇州县	230600	county	t
230622	肇源县	230600	county	t
230623	林甸县	230600	county	t
230624	杜尔伯特蒙古族自治县	230600	county	t
230671	大庆高新技术产业开发区	230600	county	t
230717	伊美区	230700	county	t
230718	乌翠区	230700	county	t
230719	友好区	230700	county	t
230722	嘉荫县	230700	county	t
230723	汤旺县	230700	county	t
230724	丰林县	230700	county	t
230725	大箐山县	230700	county	t
230726	南岔县	230700	county	t
230751	金林区	230700	county	t
230781	铁力市	230700	county	t
230803	向阳区	230800	county	t
230804	前进区	230800	county	t
230805	东风区	230800	county	t
230811	郊区	230800	county	t
230822	桦南县	230800	county	t
230826	桦川县	230800	county	t
230828	汤原县	230800	county	t
230881	同江市	230800	county	t
230882	富锦市	230800	county	t
230883	抚远市	230800	county	t
230902	新兴区	230900	county	t
230903	桃山区	230900	county	t
230904	茄子河区	230900	county	t
230921	勃利县	230900	county	t
231002	东安区	231000	county	t
231003	阳明区	231000	county	t
231004	爱民区	231000	county	t
231005	西安区	231000	county	t
231025	林口县	231000	county	t
231081	绥芬河市	231000	county	t
231083	海林市	231000	county	t
231084	宁安市	231000	county	t
231085	穆棱市	231000	county	t
231086	东宁市	231000	county	t
231102	爱辉区	231100	county	t
231123	逊克县	231100	county	t
231124	孙吴县	231100	county	t
231181	北安市	231100	county	t
231182	五大连池市	231100	county	t
231183	嫩江市	231100	county	t
231202	北林区	231200	county	t
231221	望奎县	231200	county	t
231222	兰西县	231200	county	t
231223	青冈县	231200	county	t
231224	庆安县	231200	county	t
231225	明水县	231200	county	t
231226	绥棱县	231200	county	t
231281	安达市	231200	county	t
231282	肇东市	231200	county	t
231283	海伦市	231200	county	t
232701	漠河市	232700	county	t
232721	呼玛县	232700	county	t
232722	塔河县	232700	county	t
232761	加格达奇区	232700	county	t
232762	松岭区	232700	county	t
232763	新林区	232700	county	t
232764	呼中区	232700	county	t
310101	黄浦区	310100	county	t
310104	徐汇区	310100	county	t
310105	长宁区	310100	county	t
310106	静安区	310100	county	t
310107	普陀区	310100	county	t
310109	虹口区	310100	county	t
310110	杨浦区	310100	county	t
310112	闵行区	310100	county	t
310113	宝山区	310100	county	t
310114	嘉定区	310100	county	t
310115	浦东新区	310100	county	t
310116	金山区	310100	county	t
310117	松江区	310100	county	t
310118	青浦区	310100	county	t
310120	奉贤区	310100	county	t
310151	崇明区	310100	county	t
320102	玄武区	320100	county	t
320104	秦淮区	320100	county	t
320105	建邺区	320100	county	t
320106	鼓楼区	320100	county	t
320111	浦口区	320100	county	t
320113	栖霞区	320100	county	t
320114	雨花台区	320100	county	t
320115	江宁区	320100	county	t
320116	六合区	320100	county	t
320117	溧水区	320100	county	t
320118	高淳区	320100	county	t
320205	锡山区	320200	county	t
320206	惠山区	320200	county	t
320211	滨湖区	320200	county	t
320213	梁溪区	320200	county	t
320214	新吴区	320200	county	t
320281	江阴市	320200	county	t
320282	宜兴市	320200	county	t
320302	鼓楼区	320300	county	t
320303	云龙区	320300	county	t
320305	贾汪区	320300	county	t
320311	泉山区	320300	county	t
320312	铜山区	320300	county	t
320321	丰县	320300	county	t
320322	沛县	320300	county	t
320324	睢宁县	320300	county	t
320371	徐州经济技术开发区	320300	county	t
320381	新沂市	320300	county	t
320382	邳州市	320300	county	t
320402	天宁区	320400	county	t
320404	钟楼区	320400	county	t
320411	新北区	320400	county	t
320412	武进区	320400	county	t
320413	金坛区	320400	county	t
320481	溧阳市	320400	county	t
320505	虎丘区	320500	county	t
320506	吴中区	320500	county	t
320507	相城区	320500	county	t
320508	姑苏区	320500	county	t
320509	吴江区	320500	county	t
320576	苏州工业园区	320500	county	t
320581	常熟市	320500	county	t
320582	张家港市	320500	county	t
320583	昆山市	320500	county	t
320585	太仓市	320500	county	t
320612	通州区	320600	county	t
320613	崇川区	320600	county	t
320614	海门区	320600	county	t
320623	如东县	320600	county	t
320671	南通经济技术开发区	320600	county	t
320681	启东市	320600	county	t
320682	如皋市	320600	county	t
320685	海安市	320600	county	t
320703	连云区	320700	county	t
320706	海州区	320700	county	t
320707	赣榆区	320700	county	t
320722	东海县	320700	county	t
320723	灌云县	320700	county	t
320724	灌南县	320700	county	t
320771	连云港经济技术开发区	320700	county	t
320803	淮安区	320800	county	t
320804	淮阴区	320800	county	t
320812	清江浦区	320800	county	t
320813	洪泽区	320800	county	t
320826	涟水县	320800	county	t
320830	盱眙县	320800	county	t
320831	金湖县	320800	county	t
320871	淮安经济技术开发区	320800	county	t
320902	亭湖区	320900	county	t
320903	盐都区	320900	county	t
320904	大丰区	320900	county	t
320921	响水县	320900	county	t
320922	滨海县	320900	county	t
320923	阜宁县	320900	county	t
320924	射阳县	320900	county	t
320925	建湖县	320900	county	t
320971	盐城经济技术开发区	320900	county	t
320981	东台市	320900	county	t
321002	广陵区	321000	county	t
321003	邗江区	321000	county	t
321012	江都区	321000	county	t
321023	宝应县	321000	county	t
321071	扬州经济技术开发区	321000	county	t
321081	仪征市	321000	county	t
321084	高邮市	321000	county	t
321102	京口区	321100	county	t
321111	润州区	321100	county	t
321112	丹徒区	321100	county	t
321171	镇江新区	321100	county	t
321181	丹阳市	321100	county	t
321182	扬中市	321100	county	t
321183	句容市	321100	county	t
321202	海陵区	321200	county	t
321203	高港区	321200	county	t
321204	姜堰区	321200	county	t
321281	兴化市	321200	county	t
321282	靖江市	321200	county	t
321283	泰兴市	321200	county	t
321302	宿城区	321300	county	t
321311	宿豫区	321300	county	t
321322	沭阳县	321300	county	t
321323	泗阳县	321300	county	t
321324	泗洪县	321300	county	t
321371	宿迁经济技术开发区	321300	county	t
330102	上城区	330100	county	t
330105	拱墅区	330100	county	t
330106	西湖区	330100	county	t
330108	滨江区	330100	county	t
330109	萧山区	330100	county	t
330110	余杭区	330100	county	t
330111	富阳区	330100	county	t
330112	临安区	330100	county	t
330113	临平区	330100	county	t
330114	钱塘区	330100	county	t
330122	桐庐县	330100	county	t
330127	淳安县	330100	county	t
330182	建德市	330100	county	t
330203	海曙区	330200	county	t
330205	江北区	330200	county	t
330206	北仑区	330200	county	t
330211	镇海区	330200	county	t
330212	鄞州区	330200	county	t
330213	奉化区	330200	county	t
330225	象山县	330200	county	t
330226	宁海县	330200	county	t
330281	余姚市	330200	county	t
330282	慈溪市	330200	county	t
330302	鹿城区	330300	county	t
330303	龙湾区	330300	county	t
330304	瓯海区	330300	county	t
330305	洞头区	330300	county	t
330324	永嘉县	330300	county	t
330326	平阳县	330300	county	t
330327	苍南县	330300	county	t
330328	文成县	330300	county	t
330329	泰顺县	330300	county	t
330381	瑞安市	330300	county	t
330382	乐清市	330300	county	t
330383	龙港市	330300	county	t
330402	南湖区	330400	county	t
330411	秀洲区	330400	county	t
330421	嘉善县	330400	county	t
330424	海盐县	330400	county	t
330481	海宁市	330400	county	t
330482	平湖市	330400	county	t
330483	桐乡市	330400	county	t
330502	吴兴区	330500	county	t
330503	南浔区	330500	county	t
330521	德清县	330500	county	t
330522	长兴县	330500	county	t
330523	安吉县	330500	county	t
330602	越城区	330600	county	t
330603	柯桥区	330600	county	t
330604	上虞区	330600	county	t
330624	新昌县	330600	county	t
330681	诸暨市	330600	county	t
330683	嵊州市	330600	county	t
330702	婺城区	330700	county	t
330703	金东区	330700	county	t
330723	武义县	330700	county	t
330726	浦江县	330700	county	t
330727	磐安县	330700	county	t
330781	兰溪市	330700	county	t
330782	义乌市	330700	county	t
330783	东阳市	330700	county	t
330784	永康市	330700	county	t
330802	柯城区	330800	county	t
330803	衢江区	330800	county	t
330822	常山县	330800	county	t
330824	开化县	330800	county	t
330825	龙游县	330800	county	t
330881	江山市	330800	county	t
330902	定海区	330900	county	t
330903	普陀区	330900	county	t
330921	岱山县	330900	county	t
330922	嵊泗县	330900	county	t
331002	椒江区	331000	county	t
331003	黄岩区	331000	county	t
331004	路桥区	331000	county	t
331022	三门县	331000	county	t
331023	天台县	331000	county	t
331024	仙居县	331000	county	t
331081	温岭市	331000	county	t
331082	临海市	331000	county	t
331083	玉环市	331000	county	t
331102	莲都区	331100	county	t
331121	青田县	331100	county	t
331122	缙云县	331100	county	t
331123	遂昌县	331100	county	t
331124	松阳县	331100	county	t
331125	云和县	331100	county	t
331126	庆元县	331100	county	t
331127	景宁畲族自治县	331100	county	t
331181	龙泉市	331100	county	t
340102	瑶海区	340100	county	t
340103	庐阳区	340100	county	t
340104	蜀山区	340100	county	t
340111	包河区	340100	county	t
340121	长丰县	340100	county	t
340122	肥东县	340100	county	t
340123	肥西县	340100	county	t
340124	庐江县	340100	county	t
340176	合肥高新技术产业开发区	340100	county	t
340177	合肥经济技术开发区	340100	county	t
340178	合肥新站高新技术产业开发区	340100	county	t
340181	巢湖市	340100	county	t
340202	镜湖区	340200	county	t
340207	鸠江区	340200	county	t
340209	弋江区	340200	county	t
340210	湾沚区	340200	county	t
340212	繁昌区	340200	county	t
340223	南陵县	340200	county	t
340271	芜湖经济技术开发区	340200	county	t
340272	安徽芜湖三山经济开发区	340200	county	t
340281	无为市	340200	county	t
340302	龙子湖区	340300	county	t
340303	蚌山区	340300	county	t
340304	禹会区	340300	county	t
340311	淮上区	340300	county	t
340321	怀远县	340300	county	t
340322	五河县	340300	county	t
340323	固镇县	340300	county	t
340371	蚌埠市高新技术开发区	340300	county	t
340372	蚌埠市经济开发区	340300	county	t
340402	大通区	340400	county	t
340403	田家庵区	340400	county	t
340404	谢家集区	340400	county	t
340405	八公山区	340400	county	t
340406	潘集区	340400	county	t
340421	凤台县	340400	county	t
340422	寿县	340400	county	t
340503	花山区	340500	county	t
340504	雨山区	340500	county	t
340506	博望区	340500	county	t
340521	当涂县	340500	county	t
340522	含山县	340500	county	t
340523	和县	340500	county	t
340602	杜集区	340600	county	t
340603	相山区	340600	county	t
340604	烈山区	340600	county	t
340621	濉溪县	340600	county	t
340705	铜官区	340700	county	t
340706	义安区	340700	county	t
340711	郊区	340700	county	t
340722	枞阳县	340700	county	t
340802	迎江区	340800	county	t
340803	大观区	340800	county	t
340811	宜秀区	340800	county	t
340822	怀宁县	340800	county	t
340825	太湖县	340800	county	t
340826	宿松县	340800	county	t
340827	望江县	340800	county	t
340828	岳西县	340800	county	t
340871	安徽安庆经济开发区	340800	county	t
340881	桐城市	340800	county	t
340882	潜山市	340800	county	t
341002	屯溪区	341000	county	t
341003	黄山区	341000	county	t
341004	徽州区	341000	county	t
341021	歙县	341000	county	t
341022	休宁县	341000	county	t
341023	黟县	341000	county	t
341024	祁门县	341000	county	t
341102	琅琊区	341100	county	t
341103	南谯区	341100	county	t
341122	来安县	341100	county	t
341124	全椒县	341100	county	t
341125	定远县	341100	county	t
341126	凤阳县	341100	county	t
341171	中新苏滁高新技术产业开发区	341100	county	t
341172	滁州经济技术开发区	341100	county	t
341181	天长市	341100	county	t
341182	明光市	341100	county	t
341202	颍州区	341200	county	t
341203	颍东区	341200	county	t
341204	颍泉区	341200	county	t
341221	临泉县	341200	county	t
341222	太和县	341200	county	t
341225	阜南县	341200	county	t
341226	颍上县	341200	county	t
341271	阜阳合肥现代产业园区	341200	county	t
341272	阜阳经济技术开发区	341200	county	t
341282	界首市	341200	county	t
341302	埇桥区	341300	county	t
341321	砀山县	341300	county	t
341322	萧县	341300	county	t
341323	灵璧县	341300	county	t
341324	泗县	341300	county	t
341371	宿州马鞍山现代产业园区	341300	county	t
341372	宿州经济技术开发区	341300	county	t
341502	金安区	341500	county	t
341503	裕安区	341500	county	t
341504	叶集区	341500	county	t
341522	霍邱县	341500	county	t
341523	舒城县	341500	county	t
341524	金寨县	341500	county	t
341525	霍山县	341500	county	t
341602	谯城区	341600	county	t
341621	涡阳县	341600	county	t
341622	蒙城县	341600	county	t
341623	利辛县	341600	county	t
341702	贵池区	341700	county	t
341721	东至县	341700	county	t
341722	石台县	341700	county	t
341723	青阳县	341700	county	t
341802	宣州区	341800	county	t
341821	郎溪县	341800	county	t
341823	泾县	341800	county	t
341824	绩溪县	341800	county	t
341825	旌德县	341800	county	t
341871	宣城市经济开发区	341800	county	t
341881	宁国市	341800	county	t
341882	广德市	341800	county	t
350102	鼓楼区	350100	county	t
350103	台江区	350100	county	t
350104	仓山区	350100	county	t
350105	马尾区	350100	county	t
350111	晋安区	350100	county	t
350112	长乐区	350100	county	t
350121	闽侯县	350100	county	t
350122	连江县	350100	county	t
350123	罗源县	350100	county	t
350124	闽清县	350100	county	t
350125	永泰县	350100	county	t
350128	平潭县	350100	county	t
350181	福清市	350100	county	t
350203	思明区	350200	county	t
350205	海沧区	350200	county	t
350206	湖里区	350200	county	t
350211	集美区	350200	county	t
350212	同安区	350200	county	t
350213	翔安区	350200	county	t
350302	城厢区	350300	county	t
350303	涵江区	350300	county	t
350304	荔城区	350300	county	t
350305	秀屿区	350300	county	t
350322	仙游县	350300	county	t
350404	三元区	350400	county	t
350405	沙县区	350400	county	t
350421	明溪县	350400	county	t
350423	清流县	350400	county	t
350424	宁化县	350400	county	t
350425	大田县	350400	county	t
350426	尤溪县	350400	county	t
350428	将乐县	350400	county	t
350429	泰宁县	350400	county	t
350430	建宁县	350400	county	t
350481	永安市	350400	county	t
350502	鲤城区	350500	county	t
350503	丰泽区	350500	county	t
350504	洛江区	350500	county	t
350505	泉港区	350500	county	t
350521	惠安县	350500	county	t
350524	安溪县	350500	county	t
350525	永春县	350500	county	t
350526	德化县	350500	county	t
350527	金门县	350500	county	t
350581	石狮市	350500	county	t
350582	晋江市	350500	county	t
350583	南安市	350500	county	t
350602	芗城区	350600	county	t
350603	龙文区	350600	county	t
350604	龙海区	350600	county	t
350605	长泰区	350600	county	t
350622	云霄县	350600	county	t
350623	漳浦县	350600	county	t
350624	诏安县	350600	county	t
350626	东山县	350600	county	t
350627	南靖县	350600	county	t
350628	平和县	350600	county	t
350629	华安县	350600	county	t
350702	延平区	350700	county	t
350703	建阳区	350700	county	t
350721	顺昌县	350700	county	t
350722	浦城县	350700	county	t
350723	光泽县	350700	county	t
350724	松溪县	350700	county	t
350725	政和县	350700	county	t
350781	邵武市	350700	county	t
350782	武夷山市	350700	county	t
350783	建瓯市	350700	county	t
350802	新罗区	350800	county	t
350803	永定区	350800	county	t
350821	长汀县	350800	county	t
350823	上杭县	350800	county	t
350824	武平县	350800	county	t
350825	连城县	350800	county	t
350881	漳平市	350800	county	t
350902	蕉城区	350900	county	t
350921	霞浦县	350900	county	t
350922	古田县	350900	county	t
350923	屏南县	350900	county	t
350924	寿宁县	350900	county	t
350925	周宁县	350900	county	t
350926	柘荣县	350900	county	t
350981	福安市	350900	county	t
350982	福鼎市	350900	county	t
360102	东湖区	360100	county	t
360103	西湖区	360100	county	t
360104	青云谱区	360100	county	t
360111	青山湖区	360100	county	t
360112	新建区	360100	county	t
360113	红谷滩区	360100	county	t
360121	南昌县	360100	county	t
360123	安义县	360100	county	t
360124	进贤县	360100	county	t
360202	昌江区	360200	county	t
360203	珠山区	360200	county	t
360222	浮梁县	360200	county	t
360281	乐平市	360200	county	t
360302	安源区	360300	county	t
360313	湘东区	360300	county	t
360321	莲花县	360300	county	t
360322	上栗县	360300	county	t
360323	芦溪县	360300	county	t
360402	濂溪区	360400	county	t
360403	浔阳区	360400	county	t
360404	柴桑区	360400	county	t
360423	武宁县	360400	county	t
360424	修水县	360400	county	t
360425	永修县	360400	county	t
360426	德安县	360400	county	t
360428	都昌县	360400	county	t
360429	湖口县	360400	county	t
360430	彭泽县	360400	county	t
360481	瑞昌市	360400	county	t
360482	共青城市	360400	county	t
360483	庐山市	360400	county	t
360502	渝水区	360500	county	t
360521	分宜县	360500	county	t
360602	月湖区	360600	county	t
360603	余江区	360600	county	t
360681	贵溪市	360600	county	t
360702	章贡区	360700	county	t
360703	南康区	360700	county	t
360704	赣县区	360700	county	t
360722	信丰县	360700	county	t
360723	大余县	360700	county	t
360724	上犹县	360700	county	t
360725	崇义县	360700	county	t
360726	安远县	360700	county	t
360728	定南县	360700	county	t
360729	全南县	360700	county	t
360730	宁都县	360700	county	t
360731	于都县	360700	county	t
360732	兴国县	360700	county	t
360733	会昌县	360700	county	t
360734	寻乌县	360700	county	t
360735	石城县	360700	county	t
360781	瑞金市	360700	county	t
360783	龙南市	360700	county	t
360802	吉州区	360800	county	t
360803	青原区	360800	county	t
360821	吉安县	360800	county	t
360822	吉水县	360800	county	t
360823	峡江县	360800	county	t
360824	新干县	360800	county	t
360825	永丰县	360800	county	t
360826	泰和县	360800	county	t
360827	遂川县	360800	county	t
360828	万安县	360800	county	t
360829	安福县	360800	county	t
360830	永新县	360800	county	t
360881	井冈山市	360800	county	t
360902	袁州区	360900	county	t
360921	奉新县	360900	county	t
360922	万载县	360900	county	t
360923	上高县	360900	county	t
360924	宜丰县	360900	county	t
360925	靖安县	360900	county	t
360926	铜鼓县	360900	county	t
360981	丰城市	360900	county	t
360982	樟树市	360900	county	t
360983	高安市	360900	county	t
361002	临川区	361000	county	t
361003	东乡区	361000	county	t
361021	南城县	361000	county	t
361022	黎川县	361000	county	t
361023	南丰县	361000	county	t
361024	崇仁县	361000	county	t
361025	乐安县	361000	county	t
361026	宜黄县	361000	county	t
361027	金溪县	361000	county	t
361028	资溪县	361000	county	t
361030	广昌县	361000	county	t
361102	信州区	361100	county	t
361103	广丰区	361100	county	t
361104	广信区	361100	county	t
361123	玉山县	361100	county	t
361124	铅山县	361100	county	t
361125	横峰县	361100	county	t
361126	弋阳县	361100	county	t
361127	余干县	361100	county	t
361128	鄱阳县	361100	county	t
361129	万年县	361100	county	t
361130	婺源县	361100	county	t
361181	德兴市	361100	county	t
370102	历下区	370100	county	t
370103	市中区	370100	county	t
370104	槐荫区	370100	county	t
370105	天桥区	370100	county	t
370112	历城区	370100	county	t
370113	长清区	370100	county	t
370114	章丘区	370100	county	t
370115	济阳区	370100	county	t
370116	莱芜区	370100	county	t
370117	钢城区	370100	county	t
370124	平阴县	370100	county	t
370126	商河县	370100	county	t
370176	济南高新技术产业开发区	370100	county	t
370202	市南区	370200	county	t
370203	市北区	370200	county	t
370211	黄岛区	370200	county	t
370212	崂山区	370200	county	t
370213	李沧区	370200	county	t
370214	城阳区	370200	county	t
370215	即墨区	370200	county	t
370281	胶州市	370200	county	t
370283	平度市	370200	county	t
370285	莱西市	370200	county	t
370302	淄川区	370300	county	t
370303	张店区	370300	county	t
370304	博山区	370300	county	t
370305	临淄区	370300	county	t
370306	周村区	370300	county	t
370321	桓台县	370300	county	t
370322	高青县	370300	county	t
370323	沂源县	370300	county	t
370402	市中区	370400	county	t
370403	薛城区	370400	county	t
370404	峄城区	370400	county	t
370405	台儿庄区	370400	county	t
370406	山亭区	370400	county	t
370481	滕州市	370400	county	t
370502	东营区	370500	county	t
370503	河口区	370500	county	t
370505	垦利区	370500	county	t
370522	利津县	370500	county	t
370523	广饶县	370500	county	t
370571	东营经济技术开发区	370500	county	t
370572	东营港经济开发区	370500	county	t
370602	芝罘区	370600	county	t
370611	福山区	370600	county	t
370612	牟平区	370600	county	t
370613	莱山区	370600	county	t
370614	蓬莱区	370600	county	t
370671	烟台高新技术产业开发区	370600	county	t
370676	烟台经济技术开发区	370600	county	t
370681	龙口市	370600	county	t
370682	莱阳市	370600	county	t
370683	莱州市	370600	county	t
370685	招远市	370600	county	t
370686	栖霞市	370600	county	t
370687	海阳市	370600	county	t
370702	潍城区	370700	county	t
370703	寒亭区	370700	county	t
370704	坊子区	370700	county	t
370705	奎文区	370700	county	t
370724	临朐县	370700	county	t
370725	昌乐县	370700	county	t
370772	潍坊滨海经济技术开发区	370700	county	t
370781	青州市	370700	county	t
370782	诸城市	370700	county	t
370783	寿光市	370700	county	t
370784	安丘市	370700	county	t
370785	高密市	370700	county	t
370786	昌邑市	370700	county	t
370811	任城区	370800	county	t
370812	兖州区	370800	county	t
370826	微山县	370800	county	t
370827	鱼台县	370800	county	t
370828	金乡县	370800	county	t
370829	嘉祥县	370800	county	t
370830	汶上县	370800	county	t
370831	泗水县	370800	county	t
370832	梁山县	370800	county	t
370871	济宁高新技术产业开发区	370800	county	t
370881	曲阜市	370800	county	t
370883	邹城市	370800	county	t
370902	泰山区	370900	county	t
370911	岱岳区	370900	county	t
370921	宁阳县	370900	county	t
370923	东平县	370900	county	t
370982	新泰市	370900	county	t
370983	肥城市	370900	county	t
371002	环翠区	371000	county	t
371003	文登区	371000	county	t
371071	威海火炬高技术产业开发区	371000	county	t
371072	威海经济技术开发区	371000	county	t
371073	威海临港经济技术开发区	371000	county	t
371082	荣成市	371000	county	t
371083	乳山市	371000	county	t
371102	东港区	371100	county	t
371103	岚山区	371100	county	t
371121	五莲县	371100	county	t
371122	莒县	371100	county	t
371171	日照经济技术开发区	371100	county	t
371302	兰山区	371300	county	t
371311	罗庄区	371300	county	t
371312	河东区	371300	county	t
371321	沂南县	371300	county	t
371322	郯城县	371300	county	t
371323	沂水县	371300	county	t
371324	兰陵县	371300	county	t
371325	费县	371300	county	t
371326	平邑县	371300	county	t
371327	莒南县	371300	county	t
371328	蒙阴县	371300	county	t
371329	临沭县	371300	county	t
371371	临沂高新技术产业开发区	371300	county	t
371402	德城区	371400	county	t
371403	陵城区	371400	county	t
371422	宁津县	371400	county	t
371423	庆云县	371400	county	t
371424	临邑县	371400	county	t
371425	齐河县	371400	county	t
371426	平原县	371400	county	t
371427	夏津县	371400	county	t
371428	武城县	371400	county	t
371471	德州天衢新区	371400	county	t
371481	乐陵市	371400	county	t
371482	禹城市	371400	county	t
371502	东昌府区	371500	county	t
371503	茌平区	371500	county	t
371521	阳谷县	371500	county	t
371522	莘县	371500	county	t
371524	东阿县	371500	county	t
371525	冠县	371500	county	t
371526	高唐县	371500	county	t
371581	临清市	371500	county	t
371602	滨城区	371600	county	t
371603	沾化区	371600	county	t
371621	惠民县	371600	county	t
371622	阳信县	371600	county	t
371623	无棣县	371600	county	t
371625	博兴县	371600	county	t
371681	邹平市	371600	county	t
371702	牡丹区	371700	county	t
371703	定陶区	371700	county	t
371721	曹县	371700	county	t
371722	单县	371700	county	t
371723	成武县	371700	county	t
371724	巨野县	371700	county	t
371725	郓城县	371700	county	t
371726	鄄城县	371700	county	t
371728	东明县	371700	county	t
371771	菏泽经济技术开发区	371700	county	t
371772	菏泽高新技术开发区	371700	county	t
410102	中原区	410100	county	t
410103	二七区	410100	county	t
410104	管城回族区	410100	county	t
410105	金水区	410100	county	t
410106	上街区	410100	county	t
410108	惠济区	410100	county	t
410122	中牟县	410100	county	t
410171	郑州经济技术开发区	410100	county	t
410172	郑州高新技术产业开发区	410100	county	t
410173	郑州航空港经济综合实验区	410100	county	t
410181	巩义市	410100	county	t
410182	荥阳市	410100	county	t
410183	新密市	410100	county	t
410184	新郑市	410100	county	t
410185	登封市	410100	county	t
410202	龙亭区	410200	county	t
410203	顺河回族区	410200	county	t
410204	鼓楼区	410200	county	t
410205	禹王台区	410200	county	t
410212	祥符区	410200	county	t
410221	杞县	410200	county	t
410222	通许县	410200	county	t
410223	尉氏县	410200	county	t
410225	兰考县	410200	county	t
410302	老城区	410300	county	t
410303	西工区	410300	county	t
410304	瀍河回族区	410300	county	t
410305	涧西区	410300	county	t
410307	偃师区	410300	county	t
410308	孟津区	410300	county	t
410311	洛龙区	410300	county	t
410323	新安县	410300	county	t
410324	栾川县	410300	county	t
410325	嵩县	410300	county	t
410326	汝阳县	410300	county	t
410327	宜阳县	410300	county	t
410328	洛宁县	410300	county	t
410329	伊川县	410300	county	t
410371	洛阳高新技术产业开发区	410300	county	t
410402	新华区	410400	county	t
410403	卫东区	410400	county	t
410404	石龙区	410400	county	t
410411	湛河区	410400	county	t
410421	宝丰县	410400	county	t
410422	叶县	410400	county	t
410423	鲁山县	410400	county	t
410425	郏县	410400	county	t
410471	平顶山高新技术产业开发区	410400	county	t
410472	平顶山市城乡一体化示范区	410400	county	t
410481	舞钢市	410400	county	t
410482	汝州市	410400	county	t
410502	文峰区	410500	county	t
410503	北关区	410500	county	t
410505	殷都区	410500	county	t
410506	龙安区	410500	county	t
410522	安阳县	410500	county	t
410523	汤阴县	410500	county	t
410526	滑县	410500	county	t
410527	内黄县	410500	county	t
410571	安阳高新技术产业开发区	410500	county	t
410581	林州市	410500	county	t
410602	鹤山区	410600	county	t
410603	山城区	410600	county	t
410611	淇滨区	410600	county	t
410621	浚县	410600	county	t
410622	淇县	410600	county	t
410671	鹤壁经济技术开发区	410600	county	t
410702	红旗区	410700	county	t
410703	卫滨区	410700	county	t
410704	凤泉区	410700	county	t
410711	牧野区	410700	county	t
410721	新乡县	410700	county	t
410724	获嘉县	410700	county	t
410725	原阳县	410700	county	t
410726	延津县	410700	county	t
410727	封丘县	410700	county	t
410771	新乡高新技术产业开发区	410700	county	t
410772	新乡经济技术开发区	410700	county	t
410773	新乡市平原城乡一体化示范区	410700	county	t
410781	卫辉市	410700	county	t
410782	辉县市	410700	county	t
410783	长垣市	410700	county	t
410802	解放区	410800	county	t
410803	中站区	410800	county	t
410804	马村区	410800	county	t
410811	山阳区	410800	county	t
410821	修武县	410800	county	t
410822	博爱县	410800	county	t
410823	武陟县	410800	county	t
410825	温县	410800	county	t
410871	焦作城乡一体化示范区	410800	county	t
410882	沁阳市	410800	county	t
410883	孟州市	410800	county	t
410902	华龙区	410900	county	t
410922	清丰县	410900	county	t
410923	南乐县	410900	county	t
410926	范县	410900	county	t
410927	台前县	410900	county	t
410928	濮阳县	410900	county	t
410971	河南濮阳工业园区	410900	county	t
410972	濮阳经济技术开发区	410900	county	t
411002	魏都区	411000	county	t
411003	建安区	411000	county	t
411024	鄢陵县	411000	county	t
411025	襄城县	411000	county	t
411071	许昌经济技术开发区	411000	county	t
411081	禹州市	411000	county	t
411082	长葛市	411000	county	t
411102	源汇区	411100	county	t
411103	郾城区	411100	county	t
411104	召陵区	411100	county	t
411121	舞阳县	411100	county	t
411122	临颍县	411100	county	t
411171	漯河经济技术开发区	411100	county	t
411202	湖滨区	411200	county	t
411203	陕州区	411200	county	t
411221	渑池县	411200	county	t
411224	卢氏县	411200	county	t
411271	河南三门峡经济开发区	411200	county	t
411281	义马市	411200	county	t
411282	灵宝市	411200	county	t
411302	宛城区	411300	county	t
411303	卧龙区	411300	county	t
411321	南召县	411300	county	t
411322	方城县	411300	county	t
411323	西峡县	411300	county	t
411324	镇平县	411300	county	t
411325	内乡县	411300	county	t
411326	淅川县	411300	county	t
411327	社旗县	411300	county	t
411328	唐河县	411300	county	t
411329	新野县	411300	county	t
411330	桐柏县	411300	county	t
411371	南阳高新技术产业开发区	411300	county	t
411372	南阳市城乡一体化示范区	411300	county	t
411381	邓州市	411300	county	t
411402	梁园区	411400	county	t
411403	睢阳区	411400	county	t
411421	民权县	411400	county	t
411422	睢县	411400	county	t
411423	宁陵县	411400	county	t
411424	柘城县	411400	county	t
411425	虞城县	411400	county	t
411426	夏邑县	411400	county	t
411471	豫东综合物流产业聚集区	411400	county	t
411472	河南商丘经济开发区	411400	county	t
411481	永城市	411400	county	t
411502	浉河区	411500	county	t
411503	平桥区	411500	county	t
411521	罗山县	411500	county	t
411522	光山县	411500	county	t
411523	新县	411500	county	t
411524	商城县	411500	county	t
411525	固始县	411500	county	t
411526	潢川县	411500	county	t
411527	淮滨县	411500	county	t
411528	息县	411500	county	t
411571	信阳高新技术产业开发区	411500	county	t
411602	川汇区	411600	county	t
411603	淮阳区	411600	county	t
411621	扶沟县	411600	county	t
411622	西华县	411600	county	t
411623	商水县	411600	county	t
411624	沈丘县	411600	county	t
411625	郸城县	411600	county	t
411627	太康县	411600	county	t
411628	鹿邑县	411600	county	t
411671	周口临港开发区	411600	county	t
411681	项城市	411600	county	t
411702	驿城区	411700	county	t
411721	西平县	411700	county	t
411722	上蔡县	411700	county	t
411723	平舆县	411700	county	t
411724	正阳县	411700	county	t
411725	确山县	411700	county	t
411726	泌阳县	411700	county	t
411727	汝南县	411700	county	t
411728	遂平县	411700	county	t
411729	新蔡县	411700	county	t
411771	河南驻马店经济开发区	411700	county	t
419001	济源市	419000	county	t
420102	江岸区	420100	county	t
420103	江汉区	420100	county	t
420104	硚口区	420100	county	t
420105	汉阳区	420100	county	t
420106	武昌区	420100	county	t
420107	青山区	420100	county	t
420111	洪山区	420100	county	t
420112	东西湖区	420100	county	t
420113	汉南区	420100	county	t
420114	蔡甸区	420100	county	t
420115	江夏区	420100	county	t
420116	黄陂区	420100	county	t
420117	新洲区	420100	county	t
420202	黄石港区	420200	county	t
420203	西塞山区	420200	county	t
420204	下陆区	420200	county	t
420205	铁山区	420200	county	t
420222	阳新县	420200	county	t
420281	大冶市	420200	county	t
420302	茅箭区	420300	county	t
420303	张湾区	420300	county	t
420304	郧阳区	420300	county	t
420322	郧西县	420300	county	t
420323	竹山县	420300	county	t
420324	竹溪县	420300	county	t
420325	房县	420300	county	t
420381	丹江口市	420300	county	t
420502	西陵区	420500	county	t
420503	伍家岗区	420500	county	t
420504	点军区	420500	county	t
420505	猇亭区	420500	county	t
420506	夷陵区	420500	county	t
420525	远安县	420500	county	t
420526	兴山县	420500	county	t
420527	秭归县	420500	county	t
420528	长阳土家族自治县	420500	county	t
420529	五峰土家族自治县	420500	county	t
420581	宜都市	420500	county	t
420582	当阳市	420500	county	t
420583	枝江市	420500	county	t
420602	襄城区	420600	county	t
420606	樊城区	420600	county	t
420607	襄州区	420600	county	t
420624	南漳县	420600	county	t
420625	谷城县	420600	county	t
420626	保康县	420600	county	t
420682	老河口市	420600	county	t
420683	枣阳市	420600	county	t
420684	宜城市	420600	county	t
420702	梁子湖区	420700	county	t
420703	华容区	420700	county	t
420704	鄂城区	420700	county	t
420802	东宝区	420800	county	t
420804	掇刀区	420800	county	t
420822	沙洋县	420800	county	t
420881	钟祥市	420800	county	t
420882	京山市	420800	county	t
420902	孝南区	420900	county	t
420921	孝昌县	420900	county	t
420922	大悟县	420900	county	t
420923	云梦县	420900	county	t
420981	应城市	420900	county	t
420982	安陆市	420900	county	t
420984	汉川市	420900	county	t
421002	沙市区	421000	county	t
421003	荆州区	421000	county	t
421022	公安县	421000	county	t
421024	江陵县	421000	county	t
421071	荆州经济技术开发区	421000	county	t
421081	石首市	421000	county	t
421083	洪湖市	421000	county	t
421087	松滋市	421000	county	t
421088	监利市	421000	county	t
421102	黄州区	421100	county	t
421121	团风县	421100	county	t
421122	红安县	421100	county	t
421123	罗田县	421100	county	t
421124	英山县	421100	county	t
421125	浠水县	421100	county	t
421126	蕲春县	421100	county	t
421127	黄梅县	421100	county	t
421171	龙感湖管理区	421100	county	t
421181	麻城市	421100	county	t
421182	武穴市	421100	county	t
421202	咸安区	421200	county	t
421221	嘉鱼县	421200	county	t
421222	通城县	421200	county	t
421223	崇阳县	421200	county	t
421224	通山县	421200	county	t
421281	赤壁市	421200	county	t
421303	曾都区	421300	county	t
421321	随县	421300	county	t
421381	广水市	421300	county	t
422801	恩施市	422800	county	t
422802	利川市	422800	county	t
422822	建始县	422800	county	t
422823	巴东县	422800	county	t
422825	宣恩县	422800	county	t
422826	咸丰县	422800	county	t
422827	来凤县	422800	county	t
422828	鹤峰县	422800	county	t
429004	仙桃市	429000	county	t
429005	潜江市	429000	county	t
429006	天门市	429000	county	t
429021	神农架林区	429000	county	t
430102	芙蓉区	430100	county	t
430103	天心区	430100	county	t
430104	岳麓区	430100	county	t
430105	开福区	430100	county	t
430111	雨花区	430100	county	t
430112	望城区	430100	county	t
430121	长沙县	430100	county	t
430181	浏阳市	430100	county	t
430182	宁乡市	430100	county	t
430202	荷塘区	430200	county	t
430203	芦淞区	430200	county	t
430204	石峰区	430200	county	t
430211	天元区	430200	county	t
430212	渌口区	430200	county	t
430223	攸县	430200	county	t
430224	茶陵县	430200	county	t
430225	炎陵县	430200	county	t
430281	醴陵市	430200	county	t
430302	雨湖区	430300	county	t
430304	岳塘区	430300	county	t
430321	湘潭县	430300	county	t
430371	湖南湘潭高新技术产业园区	430300	county	t
430372	湘潭昭山示范区	430300	county	t
430373	湘潭九华示范区	430300	county	t
430381	湘乡市	430300	county	t
430382	韶山市	430300	county	t
430405	珠晖区	430400	county	t
430406	雁峰区	430400	county	t
430407	石鼓区	430400	county	t
430408	蒸湘区	430400	county	t
430412	南岳区	430400	county	t
430421	衡阳县	430400	county	t
430422	衡南县	430400	county	t
430423	衡山县	430400	county	t
430424	衡东县	430400	county	t
430426	祁东县	430400	county	t
430473	湖南衡阳松木经济开发区	430400	county	t
430476	湖南衡阳高新技术产业园区	430400	county	t
430481	耒阳市	430400	county	t
430482	常宁市	430400	county	t
430502	双清区	430500	county	t
430503	大祥区	430500	county	t
430511	北塔区	430500	county	t
430522	新邵县	430500	county	t
430523	邵阳县	430500	county	t
430524	隆回县	430500	county	t
430525	洞口县	430500	county	t
430527	绥宁县	430500	county	t
430528	新宁县	430500	county	t
430529	城步苗族自治县	430500	county	t
430581	武冈市	430500	county	t
430582	邵东市	430500	county	t
430602	岳阳楼区	430600	county	t
430603	云溪区	430600	county	t
430611	君山区	430600	county	t
430621	岳阳县	430600	county	t
430623	华容县	430600	county	t
430624	湘阴县	430600	county	t
430626	平江县	430600	county	t
430671	岳阳市屈原管理区	430600	county	t
430681	汨罗市	430600	county	t
430682	临湘市	430600	county	t
430702	武陵区	430700	county	t
430703	鼎城区	430700	county	t
430721	安乡县	430700	county	t
430722	汉寿县	430700	county	t
430723	澧县	430700	county	t
430724	临澧县	430700	county	t
430725	桃源县	430700	county	t
430726	石门县	430700	county	t
430771	常德市西洞庭管理区	430700	county	t
430781	津市市	430700	county	t
430802	永定区	430800	county	t
430811	武陵源区	430800	county	t
430821	慈利县	430800	county	t
430822	桑植县	430800	county	t
430902	资阳区	430900	county	t
430903	赫山区	430900	county	t
430921	南县	430900	county	t
430922	桃江县	430900	county	t
430923	安化县	430900	county	t
430971	益阳市大通湖管理区	430900	county	t
430972	湖南益阳高新技术产业园区	430900	county	t
430981	沅江市	430900	county	t
431002	北湖区	431000	county	t
431003	苏仙区	431000	county	t
431021	桂阳县	431000	county	t
431022	宜章县	431000	county	t
431023	永兴县	431000	county	t
431024	嘉禾县	431000	county	t
431025	临武县	431000	county	t
431026	汝城县	431000	county	t
431027	桂东县	431000	county	t
431028	安仁县	431000	county	t
431081	资兴市	431000	county	t
431102	零陵区	431100	county	t
431103	冷水滩区	431100	county	t
431122	东安县	431100	county	t
431123	双牌县	431100	county	t
431124	道县	431100	county	t
431125	江永县	431100	county	t
431126	宁远县	431100	county	t
431127	蓝山县	431100	county	t
431128	新田县	431100	county	t
431129	江华瑶族自治县	431100	county	t
431171	永州经济技术开发区	431100	county	t
431173	永州市回龙圩管理区	431100	county	t
431181	祁阳市	431100	county	t
431202	鹤城区	431200	county	t
431221	中方县	431200	county	t
431222	沅陵县	431200	county	t
431223	辰溪县	431200	county	t
431224	溆浦县	431200	county	t
431225	会同县	431200	county	t
431226	麻阳苗族自治县	431200	county	t
431227	新晃侗族自治县	431200	county	t
431228	芷江侗族自治县	431200	county	t
431229	靖州苗族侗族自治县	431200	county	t
431230	通道侗族自治县	431200	county	t
431271	怀化市洪江管理区	431200	county	t
431281	洪江市	431200	county	t
431302	娄星区	431300	county	t
431321	双峰县	431300	county	t
431322	新化县	431300	county	t
431381	冷水江市	431300	county	t
431382	涟源市	431300	county	t
433101	吉首市	433100	county	t
433122	泸溪县	433100	county	t
433123	凤凰县	433100	county	t
433124	花垣县	433100	county	t
433125	保靖县	433100	county	t
433126	古丈县	433100	county	t
433127	永顺县	433100	county	t
433130	龙山县	433100	county	t
440103	荔湾区	440100	county	t
440104	越秀区	440100	county	t
440105	海珠区	440100	county	t
440106	天河区	440100	county	t
440111	白云区	440100	county	t
440112	黄埔区	440100	county	t
440113	番禺区	440100	county	t
440114	花都区	440100	county	t
440115	南沙区	440100	county	t
440117	从化区	440100	county	t
440118	增城区	440100	county	t
440203	武江区	440200	county	t
440204	浈江区	440200	county	t
440205	曲江区	440200	county	t
440222	始兴县	440200	county	t
440224	仁化县	440200	county	t
440229	翁源县	440200	county	t
440232	乳源瑶族自治县	440200	county	t
440233	新丰县	440200	county	t
440281	乐昌市	440200	county	t
440282	南雄市	440200	county	t
440303	罗湖区	440300	county	t
440304	福田区	440300	county	t
440305	南山区	440300	county	t
440306	宝安区	440300	county	t
440307	龙岗区	440300	county	t
440308	盐田区	440300	county	t
440309	龙华区	440300	county	t
440310	坪山区	440300	county	t
440311	光明区	440300	county	t
440402	香洲区	440400	county	t
440403	斗门区	440400	county	t
440404	金湾区	440400	county	t
440507	龙湖区	440500	county	t
440511	金平区	440500	county	t
440512	濠江区	440500	county	t
440513	潮阳区	440500	county	t
440514	潮南区	440500	county	t
440515	澄海区	440500	county	t
440523	南澳县	440500	county	t
440604	禅城区	440600	county	t
440605	南海区	440600	county	t
440606	顺德区	440600	county	t
440607	三水区	440600	county	t
440608	高明区	440600	county	t
440703	蓬江区	440700	county	t
440704	江海区	440700	county	t
440705	新会区	440700	county	t
440781	台山市	440700	county	t
440783	开平市	440700	county	t
440784	鹤山市	440700	county	t
440785	恩平市	440700	county	t
440802	赤坎区	440800	county	t
440803	霞山区	440800	county	t
440804	坡头区	440800	county	t
440811	麻章区	440800	county	t
440823	遂溪县	440800	county	t
440825	徐闻县	440800	county	t
440881	廉江市	440800	county	t
440882	雷州市	440800	county	t
440883	吴川市	440800	county	t
440902	茂南区	440900	county	t
440904	电白区	440900	county	t
440981	高州市	440900	county	t
440982	化州市	440900	county	t
440983	信宜市	440900	county	t
441202	端州区	441200	county	t
441203	鼎湖区	441200	county	t
441204	高要区	441200	county	t
441223	广宁县	441200	county	t
441224	怀集县	441200	county	t
441225	封开县	441200	county	t
441226	德庆县	441200	county	t
441284	四会市	441200	county	t
441302	惠城区	441300	county	t
441303	惠阳区	441300	county	t
441322	博罗县	441300	county	t
441323	惠东县	441300	county	t
441324	龙门县	441300	county	t
441402	梅江区	441400	county	t
441403	梅县区	441400	county	t
441422	大埔县	441400	county	t
441423	丰顺县	441400	county	t
441424	五华县	441400	county	t
441426	平远县	441400	county	t
441427	蕉岭县	441400	county	t
441481	兴宁市	441400	county	t
441502	城区	441500	county	t
441521	海丰县	441500	county	t
441523	陆河县	441500	county	t
441581	陆丰市	441500	county	t
441602	源城区	441600	county	t
441621	紫金县	441600	county	t
441622	龙川县	441600	county	t
441623	连平县	441600	county	t
441624	和平县	441600	county	t
441625	东源县	441600	county	t
441702	江城区	441700	county	t
441704	阳东区	441700	county	t
441721	阳西县	441700	county	t
441781	阳春市	441700	county	t
441802	清城区	441800	county	t
441803	清新区	441800	county	t
441821	佛冈县	441800	county	t
441823	阳山县	441800	county	t
441825	连山壮族瑶族自治县	441800	county	t
441826	连南瑶族自治县	441800	county	t
441881	英德市	441800	county	t
441882	连州市	441800	county	t
445102	湘桥区	445100	county	t
445103	潮安区	445100	county	t
445122	饶平县	445100	county	t
445202	榕城区	445200	county	t
445203	揭东区	445200	county	t
445222	揭西县	445200	county	t
445224	惠来县	445200	county	t
445281	普宁市	445200	county	t
445302	云城区	445300	county	t
445303	云安区	445300	county	t
445321	新兴县	445300	county	t
445322	郁南县	445300	county	t
445381	罗定市	445300	county	t
450102	兴宁区	450100	county	t
450103	青秀区	450100	county	t
450105	江南区	450100	county	t
450107	西乡塘区	450100	county	t
450108	良庆区	450100	county	t
450109	邕宁区	450100	county	t
450110	武鸣区	450100	county	t
450123	隆安县	450100	county	t
450124	马山县	450100	county	t
450125	上林县	450100	county	t
450126	宾阳县	450100	county	t
450181	横州市	450100	county	t
450202	城中区	450200	county	t
450203	鱼峰区	450200	county	t
450204	柳南区	450200	county	t
450205	柳北区	450200	county	t
450206	柳江区	450200	county	t
450222	柳城县	450200	county	t
450223	鹿寨县	450200	county	t
450224	融安县	450200	county	t
450225	融水苗族自治县	450200	county	t
450226	三江侗族自治县	450200	county	t
450302	秀峰区	450300	county	t
450303	叠彩区	450300	county	t
450304	象山区	450300	county	t
450305	七星区	450300	county	t
450311	雁山区	450300	county	t
450312	临桂区	450300	county	t
450321	阳朔县	450300	county	t
450323	灵川县	450300	county	t
450324	全州县	450300	county	t
450325	兴安县	450300	county	t
450326	永福县	450300	county	t
450327	灌阳县	450300	county	t
450328	龙胜各族自治县	450300	county	t
450329	资源县	450300	county	t
450330	平乐县	450300	county	t
450332	恭城瑶族自治县	450300	county	t
450381	荔浦市	450300	county	t
450403	万秀区	450400	county	t
450405	长洲区	450400	county	t
450406	龙圩区	450400	county	t
450421	苍梧县	450400	county	t
450422	藤县	450400	county	t
450423	蒙山县	450400	county	t
450481	岑溪市	450400	county	t
450502	海城区	450500	county	t
450503	银海区	450500	county	t
450512	铁山港区	450500	county	t
450521	合浦县	450500	county	t
450602	港口区	450600	county	t
450603	防城区	450600	county	t
450621	上思县	450600	county	t
450681	东兴市	450600	county	t
450702	钦南区	450700	county	t
450703	钦北区	450700	county	t
450721	灵山县	450700	county	t
450722	浦北县	450700	county	t
450802	港北区	450800	county	t
450803	港南区	450800	county	t
450804	覃塘区	450800	county	t
450821	平南县	450800	county	t
450881	桂平市	450800	county	t
450902	玉州区	450900	county	t
450903	福绵区	450900	county	t
450921	容县	450900	county	t
450922	陆川县	450900	county	t
450923	博白县	450900	county	t
450924	兴业县	450900	county	t
450981	北流市	450900	county	t
451002	右江区	451000	county	t
451003	田阳区	451000	county	t
451022	田东县	451000	county	t
451024	德保县	451000	county	t
451026	那坡县	451000	county	t
451027	凌云县	451000	county	t
451028	乐业县	451000	county	t
451029	田林县	451000	county	t
451030	西林县	451000	county	t
451031	隆林各族自治县	451000	county	t
451081	靖西市	451000	county	t
451082	平果市	451000	county	t
451102	八步区	451100	county	t
451103	平桂区	451100	county	t
451121	昭平县	451100	county	t
451122	钟山县	451100	county	t
451123	富川瑶族自治县	451100	county	t
451202	金城江区	451200	county	t
451203	宜州区	451200	county	t
451221	南丹县	451200	county	t
451222	天峨县	451200	county	t
451223	凤山县	451200	county	t
451224	东兰县	451200	county	t
451225	罗城仫佬族自治县	451200	county	t
451226	环江毛南族自治县	451200	county	t
451227	巴马瑶族自治县	451200	county	t
451228	都安瑶族自治县	451200	county	t
451229	大化瑶族自治县	451200	county	t
451302	兴宾区	451300	county	t
451321	忻城县	451300	county	t
451322	象州县	451300	county	t
451323	武宣县	451300	county	t
451324	金秀瑶族自治县	451300	county	t
451381	合山市	451300	county	t
451402	江州区	451400	county	t
451421	扶绥县	451400	county	t
451422	宁明县	451400	county	t
451423	龙州县	451400	county	t
451424	大新县	451400	county	t
451425	天等县	451400	county	t
451481	凭祥市	451400	county	t
460105	秀英区	460100	county	t
460106	龙华区	460100	county	t
460107	琼山区	460100	county	t
460108	美兰区	460100	county	t
460202	海棠区	460200	county	t
460203	吉阳区	460200	county	t
460204	天涯区	460200	county	t
460205	崖州区	460200	county	t
460321	西沙群岛	460300	county	t
460322	南沙群岛	460300	county	t
460323	中沙群岛的岛礁及其海域	460300	county	t
469001	五指山市	469000	county	t
469002	琼海市	469000	county	t
469005	文昌市	469000	county	t
469006	万宁市	469000	county	t
469007	东方市	469000	county	t
469021	定安县	469000	county	t
469022	屯昌县	469000	county	t
469023	澄迈县	469000	county	t
469024	临高县	469000	county	t
469025	白沙黎族自治县	469000	county	t
469026	昌江黎族自治县	469000	county	t
469027	乐东黎族自治县	469000	county	t
469028	陵水黎族自治县	469000	county	t
469029	保亭黎族苗族自治县	469000	county	t
469030	琼中黎族苗族自治县	469000	county	t
500101	万州区	500100	county	t
500102	涪陵区	500100	county	t
500103	渝中区	500100	county	t
500104	大渡口区	500100	county	t
500105	江北区	500100	county	t
500106	沙坪坝区	500100	county	t
500107	九龙坡区	500100	county	t
500108	南岸区	500100	county	t
500109	北碚区	500100	county	t
500110	綦江区	500100	county	t
500111	大足区	500100	county	t
500112	渝北区	500100	county	t
500113	巴南区	500100	county	t
500114	黔江区	500100	county	t
500115	长寿区	500100	county	t
500116	江津区	500100	county	t
500117	合川区	500100	county	t
500118	永川区	500100	county	t
500119	南川区	500100	county	t
500120	璧山区	500100	county	t
500151	铜梁区	500100	county	t
500152	潼南区	500100	county	t
500153	荣昌区	500100	county	t
500154	开州区	500100	county	t
500155	梁平区	500100	county	t
500156	武隆区	500100	county	t
500229	城口县	500200	county	t
500230	丰都县	500200	county	t
500231	垫江县	500200	county	t
500233	忠县	500200	county	t
500235	云阳县	500200	county	t
500236	奉节县	500200	county	t
500237	巫山县	500200	county	t
500238	巫溪县	500200	county	t
500240	石柱土家族自治县	500200	county	t
500241	秀山土家族苗族自治县	500200	county	t
500242	酉阳土家族苗族自治县	500200	county	t
500243	彭水苗族土家族自治县	500200	county	t
510104	锦江区	510100	county	t
510105	青羊区	510100	county	t
510106	金牛区	510100	county	t
510107	武侯区	510100	county	t
510108	成华区	510100	county	t
510112	龙泉驿区	510100	county	t
510113	青白江区	510100	county	t
510114	新都区	510100	county	t
510115	温江区	510100	county	t
510116	双流区	510100	county	t
510117	郫都区	510100	county	t
510118	新津区	510100	county	t
510121	金堂县	510100	county	t
510129	大邑县	510100	county	t
510131	蒲江县	510100	county	t
510181	都江堰市	510100	county	t
510182	彭州市	510100	county	t
510183	邛崃市	510100	county	t
510184	崇州市	510100	county	t
510185	简阳市	510100	county	t
510302	自流井区	510300	county	t
510303	贡井区	510300	county	t
510304	大安区	510300	county	t
510311	沿滩区	510300	county	t
510321	荣县	510300	county	t
510322	富顺县	510300	county	t
510402	东区	510400	county	t
510403	西区	510400	county	t
510411	仁和区	510400	county	t
510421	米易县	510400	county	t
510422	盐边县	510400	county	t
510502	江阳区	510500	county	t
510503	纳溪区	510500	county	t
510504	龙马潭区	510500	county	t
510521	泸县	510500	county	t
510522	合江县	510500	county	t
510524	叙永县	510500	county	t
510525	古蔺县	510500	county	t
510603	旌阳区	510600	county	t
510604	罗江区	510600	county	t
510623	中江县	510600	county	t
510681	广汉市	510600	county	t
510682	什邡市	510600	county	t
510683	绵竹市	510600	county	t
510703	涪城区	510700	county	t
510704	游仙区	510700	county	t
510705	安州区	510700	county	t
510722	三台县	510700	county	t
510723	盐亭县	510700	county	t
510725	梓潼县	510700	county	t
510726	北川羌族自治县	510700	county	t
510727	平武县	510700	county	t
510781	江油市	510700	county	t
510802	利州区	510800	county	t
510811	昭化区	510800	county	t
510812	朝天区	510800	county	t
510821	旺苍县	510800	county	t
510822	青川县	510800	county	t
510823	剑阁县	510800	county	t
510824	苍溪县	510800	county	t
510903	船山区	510900	county	t
510904	安居区	510900	county	t
510921	蓬溪县	510900	county	t
510923	大英县	510900	county	t
510981	射洪市	510900	county	t
511002	市中区	511000	county	t
511011	东兴区	511000	county	t
511024	威远县	511000	county	t
511025	资中县	511000	county	t
511083	隆昌市	511000	county	t
511102	市中区	511100	county	t
511111	沙湾区	511100	county	t
511112	五通桥区	511100	county	t
511113	金口河区	511100	county	t
511123	犍为县	511100	county	t
511124	井研县	511100	county	t
511126	夹江县	511100	county	t
511129	沐川县	511100	county	t
511132	峨边彝族自治县	511100	county	t
511133	马边彝族自治县	511100	county	t
511181	峨眉山市	511100	county	t
511302	顺庆区	511300	county	t
511303	高坪区	511300	county	t
511304	嘉陵区	511300	county	t
511321	南部县	511300	county	t
511322	营山县	511300	county	t
511323	蓬安县	511300	county	t
511324	仪陇县	511300	county	t
511325	西充县	511300	county	t
511381	阆中市	511300	county	t
511402	东坡区	511400	county	t
511403	彭山区	511400	county	t
511421	仁寿县	511400	county	t
511423	洪雅县	511400	county	t
511424	丹棱县	511400	county	t
511425	青神县	511400	county	t
511502	翠屏区	511500	county	t
511503	南溪区	511500	county	t
511504	叙州区	511500	county	t
511523	江安县	511500	county	t
511524	长宁县	511500	county	t
511525	高县	511500	county	t
511526	珙县	511500	county	t
511527	筠连县	511500	county	t
511528	兴文县	511500	county	t
511529	屏山县	511500	county	t
511602	广安区	511600	county	t
511603	前锋区	511600	county	t
511621	岳池县	511600	county	t
511622	武胜县	511600	county	t
511623	邻水县	511600	county	t
511681	华蓥市	511600	county	t
511702	通川区	511700	county	t
511703	达川区	511700	county	t
511722	宣汉县	511700	county	t
511723	开江县	511700	county	t
511724	大竹县	511700	county	t
511725	渠县	511700	county	t
511781	万源市	511700	county	t
511802	雨城区	511800	county	t
511803	名山区	511800	county	t
511822	荥经县	511800	county	t
511823	汉源县	511800	county	t
511824	石棉县	511800	county	t
511825	天全县	511800	county	t
511826	芦山县	511800	county	t
511827	宝兴县	511800	county	t
511902	巴州区	511900	county	t
511903	恩阳区	511900	county	t
511921	通江县	511900	county	t
511922	南江县	511900	county	t
511923	平昌县	511900	county	t
512002	雁江区	512000	county	t
512021	安岳县	512000	county	t
512022	乐至县	512000	county	t
513201	马尔康市	513200	county	t
513221	汶川县	513200	county	t
513222	理县	513200	county	t
513223	茂县	513200	county	t
513224	松潘县	513200	county	t
513225	九寨沟县	513200	county	t
513226	金川县	513200	county	t
513227	小金县	513200	county	t
513228	黑水县	513200	county	t
513230	壤塘县	513200	county	t
513231	阿坝县	513200	county	t
513232	若尔盖县	513200	county	t
513233	红原县	513200	county	t
513301	康定市	513300	county	t
513322	泸定县	513300	county	t
513323	丹巴县	513300	county	t
513324	九龙县	513300	county	t
513325	雅江县	513300	county	t
513326	道孚县	513300	county	t
513327	炉霍县	513300	county	t
513328	甘孜县	513300	county	t
513329	新龙县	513300	county	t
513330	德格县	513300	county	t
513331	白玉县	513300	county	t
513332	石渠县	513300	county	t
513333	色达县	513300	county	t
513334	理塘县	513300	county	t
513335	巴塘县	513300	county	t
513336	乡城县	513300	county	t
513337	稻城县	513300	county	t
513338	得荣县	513300	county	t
513401	西昌市	513400	county	t
513402	会理市	513400	county	t
513422	木里藏族自治县	513400	county	t
513423	盐源县	513400	county	t
513424	德昌县	513400	county	t
513426	会东县	513400	county	t
513427	宁南县	513400	county	t
513428	普格县	513400	county	t
513429	布拖县	513400	county	t
513430	金阳县	513400	county	t
513431	昭觉县	513400	county	t
513432	喜德县	513400	county	t
513433	冕宁县	513400	county	t
513434	越西县	513400	county	t
513435	甘洛县	513400	county	t
513436	美姑县	513400	county	t
513437	雷波县	513400	county	t
520102	南明区	520100	county	t
520103	云岩区	520100	county	t
520111	花溪区	520100	county	t
520112	乌当区	520100	county	t
520113	白云区	520100	county	t
520115	观山湖区	520100	county	t
520121	开阳县	520100	county	t
520122	息烽县	520100	county	t
520123	修文县	520100	county	t
520181	清镇市	520100	county	t
520201	钟山区	520200	county	t
520203	六枝特区	520200	county	t
520204	水城区	520200	county	t
520281	盘州市	520200	county	t
520302	红花岗区	520300	county	t
520303	汇川区	520300	county	t
520304	播州区	520300	county	t
520322	桐梓县	520300	county	t
520323	绥阳县	520300	county	t
520324	正安县	520300	county	t
520325	道真仡佬族苗族自治县	520300	county	t
520326	务川仡佬族苗族自治县	520300	county	t
520327	凤冈县	520300	county	t
520328	湄潭县	520300	county	t
520329	余庆县	520300	county	t
520330	习水县	520300	county	t
520381	赤水市	520300	county	t
520382	仁怀市	520300	county	t
520402	西秀区	520400	county	t
520403	平坝区	520400	county	t
520422	普定县	520400	county	t
520423	镇宁布依族苗族自治县	520400	county	t
520424	关岭布依族苗族自治县	520400	county	t
520425	紫云苗族布依族自治县	520400	county	t
520502	七星关区	520500	county	t
520521	大方县	520500	county	t
520523	金沙县	520500	county	t
520524	织金县	520500	county	t
520525	纳雍县	520500	county	t
520526	威宁彝族回族苗族自治县	520500	county	t
520527	赫章县	520500	county	t
520581	黔西市	520500	county	t
520602	碧江区	520600	county	t
520603	万山区	520600	county	t
520621	江口县	520600	county	t
520622	玉屏侗族自治县	520600	county	t
520623	石阡县	520600	county	t
520624	思南县	520600	county	t
520625	印江土家族苗族自治县	520600	county	t
520626	德江县	520600	county	t
520627	沿河土家族自治县	520600	county	t
520628	松桃苗族自治县	520600	county	t
522301	兴义市	522300	county	t
522302	兴仁市	522300	county	t
522323	普安县	522300	county	t
522324	晴隆县	522300	county	t
522325	贞丰县	522300	county	t
522326	望谟县	522300	county	t
522327	册亨县	522300	county	t
522328	安龙县	522300	county	t
522601	凯里市	522600	county	t
522622	黄平县	522600	county	t
522623	施秉县	522600	county	t
522624	三穗县	522600	county	t
522625	镇远县	522600	county	t
522626	岑巩县	522600	county	t
522627	天柱县	522600	county	t
522628	锦屏县	522600	county	t
522629	剑河县	522600	county	t
522630	台江县	522600	county	t
522631	黎平县	522600	county	t
522632	榕江县	522600	county	t
522633	从江县	522600	county	t
522634	雷山县	522600	county	t
522635	麻江县	522600	county	t
522636	丹寨县	522600	county	t
522701	都匀市	522700	county	t
522702	福泉市	522700	county	t
522722	荔波县	522700	county	t
522723	贵定县	522700	county	t
522725	瓮安县	522700	county	t
522726	独山县	522700	county	t
522727	平塘县	522700	county	t
522728	罗甸县	522700	county	t
522729	长顺县	522700	county	t
522730	龙里县	522700	county	t
522731	惠水县	522700	county	t
522732	三都水族自治县	522700	county	t
530102	五华区	530100	county	t
530103	盘龙区	530100	county	t
530111	官渡区	530100	county	t
530112	西山区	530100	county	t
530113	东川区	530100	county	t
530114	呈贡区	530100	county	t
530115	晋宁区	530100	county	t
530124	富民县	530100	county	t
530125	宜良县	530100	county	t
530126	石林彝族自治县	530100	county	t
530127	嵩明县	530100	county	t
530128	禄劝彝族苗族自治县	530100	county	t
530129	寻甸回族彝族自治县	530100	county	t
530181	安宁市	530100	county	t
530302	麒麟区	530300	county	t
530303	沾益区	530300	county	t
530304	马龙区	530300	county	t
530322	陆良县	530300	county	t
530323	师宗县	530300	county	t
530324	罗平县	530300	county	t
530325	富源县	530300	county	t
530326	会泽县	530300	county	t
530381	宣威市	530300	county	t
530402	红塔区	530400	county	t
530403	江川区	530400	county	t
530423	通海县	530400	county	t
530424	华宁县	530400	county	t
530425	易门县	530400	county	t
530426	峨山彝族自治县	530400	county	t
530427	新平彝族傣族自治县	530400	county	t
530428	元江哈尼族彝族傣族自治县	530400	county	t
530481	澄江市	530400	county	t
530502	隆阳区	530500	county	t
530521	施甸县	530500	county	t
530523	龙陵县	530500	county	t
530524	昌宁县	530500	county	t
530581	腾冲市	530500	county	t
530602	昭阳区	530600	county	t
530621	鲁甸县	530600	county	t
530622	巧家县	530600	county	t
530623	盐津县	530600	county	t
530624	大关县	530600	county	t
530625	永善县	530600	county	t
530626	绥江县	530600	county	t
530627	镇雄县	530600	county	t
530628	彝良县	530600	county	t
530629	威信县	530600	county	t
530681	水富市	530600	county	t
530702	古城区	530700	county	t
530721	玉龙纳西族自治县	530700	county	t
530722	永胜县	530700	county	t
530723	华坪县	530700	county	t
530724	宁蒗彝族自治县	530700	county	t
530802	思茅区	530800	county	t
530821	宁洱哈尼族彝族自治县	530800	county	t
530822	墨江哈尼族自治县	530800	county	t
530823	景东彝族自治县	530800	county	t
530824	景谷傣族彝族自治县	530800	county	t
530825	镇沅彝族哈尼族拉祜族自治县	530800	county	t
530826	江城哈尼族彝族自治县	530800	county	t
530827	孟连傣族拉祜族佤族自治县	530800	county	t
530828	澜沧拉祜族自治县	530800	county	t
530829	西盟佤族自治县	530800	county	t
530902	临翔区	530900	county	t
530921	凤庆县	530900	county	t
530922	云县	530900	county	t
530923	永德县	530900	county	t
530924	镇康县	530900	county	t
530925	双江拉祜族佤族布朗族傣族自治县	530900	county	t
530926	耿马傣族佤族自治县	530900	county	t
530927	沧源佤族自治县	530900	county	t
532301	楚雄市	532300	county	t
532302	禄丰市	532300	county	t
532322	双柏县	532300	county	t
532323	牟定县	532300	county	t
532324	南华县	532300	county	t
532325	姚安县	532300	county	t
532326	大姚县	532300	county	t
532327	永仁县	532300	county	t
532328	元谋县	532300	county	t
532329	武定县	532300	county	t
532501	个旧市	532500	county	t
532502	开远市	532500	county	t
532503	蒙自市	532500	county	t
532504	弥勒市	532500	county	t
532523	屏边苗族自治县	532500	county	t
532524	建水县	532500	county	t
532525	石屏县	532500	county	t
532527	泸西县	532500	county	t
532528	元阳县	532500	county	t
532529	红河县	532500	county	t
532530	金平苗族瑶族傣族自治县	532500	county	t
532531	绿春县	532500	county	t
532532	河口瑶族自治县	532500	county	t
532601	文山市	532600	county	t
532622	砚山县	532600	county	t
532623	西畴县	532600	county	t
532624	麻栗坡县	532600	county	t
532625	马关县	532600	county	t
532626	丘北县	532600	county	t
532627	广南县	532600	county	t
532628	富宁县	532600	county	t
532801	景洪市	532800	county	t
532822	勐海县	532800	county	t
532823	勐腊县	532800	county	t
532901	大理市	532900	county	t
532922	漾濞彝族自治县	532900	county	t
532923	祥云县	532900	county	t
532924	宾川县	532900	county	t
532925	弥渡县	532900	county	t
532926	南涧彝族自治县	532900	county	t
532927	巍山彝族回族自治县	532900	county	t
532928	永平县	532900	county	t
532929	云龙县	532900	county	t
532930	洱源县	532900	county	t
532931	剑川县	532900	county	t
532932	鹤庆县	532900	county	t
533102	瑞丽市	533100	county	t
533103	芒市	533100	county	t
533122	梁河县	533100	county	t
533123	盈江县	533100	county	t
533124	陇川县	533100	county	t
533301	泸水市	533300	county	t
533323	福贡县	533300	county	t
533324	贡山独龙族怒族自治县	533300	county	t
533325	兰坪白族普米族自治县	533300	county	t
533401	香格里拉市	533400	county	t
533422	德钦县	533400	county	t
533423	维西傈僳族自治县	533400	county	t
540102	城关区	540100	county	t
540103	堆龙德庆区	540100	county	t
540104	达孜区	540100	county	t
540121	林周县	540100	county	t
540122	当雄县	540100	county	t
540123	尼木县	540100	county	t
540124	曲水县	540100	county	t
540127	墨竹工卡县	540100	county	t
540171	格尔木藏青工业园区	540100	county	t
540172	拉萨经济技术开发区	540100	county	t
540173	西藏文化旅游创意园区	540100	county	t
540174	达孜工业园区	540100	county	t
540202	桑珠孜区	540200	county	t
540221	南木林县	540200	county	t
540222	江孜县	540200	county	t
540223	定日县	540200	county	t
540224	萨迦县	540200	county	t
540225	拉孜县	540200	county	t
540226	昂仁县	540200	county	t
540227	谢通门县	540200	county	t
540228	白朗县	540200	county	t
540229	仁布县	540200	county	t
540230	康马县	540200	county	t
540231	定结县	540200	county	t
540232	仲巴县	540200	county	t
540233	亚东县	540200	county	t
540234	吉隆县	540200	county	t
540235	聂拉木县	540200	county	t
540236	萨嘎县	540200	county	t
540237	岗巴县	540200	county	t
540302	卡若区	540300	county	t
540321	江达县	540300	county	t
540322	贡觉县	540300	county	t
540323	类乌齐县	540300	county	t
540324	丁青县	540300	county	t
540325	察雅县	540300	county	t
540326	八宿县	540300	county	t
540327	左贡县	540300	county	t
540328	芒康县	540300	county	t
540329	洛隆县	540300	county	t
540330	边坝县	540300	county	t
540402	巴宜区	540400	county	t
540421	工布江达县	540400	county	t
540423	墨脱县	540400	county	t
540424	波密县	540400	county	t
540425	察隅县	540400	county	t
540426	朗县	540400	county	t
540481	米林市	540400	county	t
540502	乃东区	540500	county	t
540521	扎囊县	540500	county	t
540522	贡嘎县	540500	county	t
540523	桑日县	540500	county	t
540524	琼结县	540500	county	t
540525	曲松县	540500	county	t
540526	措美县	540500	county	t
540527	洛扎县	540500	county	t
540528	加查县	540500	county	t
540529	隆子县	540500	county	t
540531	浪卡子县	540500	county	t
540581	错那市	540500	county	t
540602	色尼区	540600	county	t
540621	嘉黎县	540600	county	t
540622	比如县	540600	county	t
540623	聂荣县	540600	county	t
540624	安多县	540600	county	t
540625	申扎县	540600	county	t
540626	索县	540600	county	t
540627	班戈县	540600	county	t
540628	巴青县	540600	county	t
540629	尼玛县	540600	county	t
540630	双湖县	540600	county	t
542521	普兰县	542500	county	t
542522	札达县	542500	county	t
542523	噶尔县	542500	county	t
542524	日土县	542500	county	t
542525	革吉县	542500	county	t
542526	改则县	542500	county	t
542527	措勤县	542500	county	t
610102	新城区	610100	county	t
610103	碑林区	610100	county	t
610104	莲湖区	610100	county	t
610111	灞桥区	610100	county	t
610112	未央区	610100	county	t
610113	雁塔区	610100	county	t
610114	阎良区	610100	county	t
610115	临潼区	610100	county	t
610116	长安区	610100	county	t
610117	高陵区	610100	county	t
610118	鄠邑区	610100	county	t
610122	蓝田县	610100	county	t
610124	周至县	610100	county	t
610202	王益区	610200	county	t
610203	印台区	610200	county	t
610204	耀州区	610200	county	t
610222	宜君县	610200	county	t
610302	渭滨区	610300	county	t
610303	金台区	610300	county	t
610304	陈仓区	610300	county	t
610305	凤翔区	610300	county	t
610323	岐山县	610300	county	t
610324	扶风县	610300	county	t
610326	眉县	610300	county	t
610327	陇县	610300	county	t
610328	千阳县	610300	county	t
610329	麟游县	610300	county	t
610330	凤县	610300	county	t
610331	太白县	610300	county	t
610402	秦都区	610400	county	t
610403	杨陵区	610400	county	t
610404	渭城区	610400	county	t
610422	三原县	610400	county	t
610423	泾阳县	610400	county	t
610424	乾县	610400	county	t
610425	礼泉县	610400	county	t
610426	永寿县	610400	county	t
610428	长武县	610400	county	t
610429	旬邑县	610400	county	t
610430	淳化县	610400	county	t
610431	武功县	610400	county	t
610481	兴平市	610400	county	t
610482	彬州市	610400	county	t
610502	临渭区	610500	county	t
610503	华州区	610500	county	t
610522	潼关县	610500	county	t
610523	大荔县	610500	county	t
610524	合阳县	610500	county	t
610525	澄城县	610500	county	t
610526	蒲城县	610500	county	t
610527	白水县	610500	county	t
610528	富平县	610500	county	t
610581	韩城市	610500	county	t
610582	华阴市	610500	county	t
610602	宝塔区	610600	county	t
610603	安塞区	610600	county	t
610621	延长县	610600	county	t
610622	延川县	610600	county	t
610625	志丹县	610600	county	t
610626	吴起县	610600	county	t
610627	甘泉县	610600	county	t
610628	富县	610600	county	t
610629	洛川县	610600	county	t
610630	宜川县	610600	county	t
610631	黄龙县	610600	county	t
610632	黄陵县	610600	county	t
610681	子长市	610600	county	t
610702	汉台区	610700	county	t
610703	南郑区	610700	county	t
610722	城固县	610700	county	t
610723	洋县	610700	county	t
610724	西乡县	610700	county	t
610725	勉县	610700	county	t
610726	宁强县	610700	county	t
610727	略阳县	610700	county	t
610728	镇巴县	610700	county	t
610729	留坝县	610700	county	t
610730	佛坪县	610700	county	t
610802	榆阳区	610800	county	t
610803	横山区	610800	county	t
610822	府谷县	610800	county	t
610824	靖边县	610800	county	t
610825	定边县	610800	county	t
610826	绥德县	610800	county	t
610827	米脂县	610800	county	t
610828	佳县	610800	county	t
610829	吴堡县	610800	county	t
610830	清涧县	610800	county	t
610831	子洲县	610800	county	t
610881	神木市	610800	county	t
610902	汉滨区	610900	county	t
610921	汉阴县	610900	county	t
610922	石泉县	610900	county	t
610923	宁陕县	610900	county	t
610924	紫阳县	610900	county	t
610925	岚皋县	610900	county	t
610926	平利县	610900	county	t
610927	镇坪县	610900	county	t
610929	白河县	610900	county	t
610981	旬阳市	610900	county	t
611002	商州区	611000	county	t
611021	洛南县	611000	county	t
611022	丹凤县	611000	county	t
611023	商南县	611000	county	t
611024	山阳县	611000	county	t
611025	镇安县	611000	county	t
611026	柞水县	611000	county	t
620102	城关区	620100	county	t
620103	七里河区	620100	county	t
620104	西固区	620100	county	t
620105	安宁区	620100	county	t
620111	红古区	620100	county	t
620121	永登县	620100	county	t
620122	皋兰县	620100	county	t
620123	榆中县	620100	county	t
620171	兰州新区	620100	county	t
620201	嘉峪关市	620200	county	t
620302	金川区	620300	county	t
620321	永昌县	620300	county	t
620402	白银区	620400	county	t
620403	平川区	620400	county	t
620421	靖远县	620400	county	t
620422	会宁县	620400	county	t
620423	景泰县	620400	county	t
620502	秦州区	620500	county	t
620503	麦积区	620500	county	t
620521	清水县	620500	county	t
620522	秦安县	620500	county	t
620523	甘谷县	620500	county	t
620524	武山县	620500	county	t
620525	张家川回族自治县	620500	county	t
620602	凉州区	620600	county	t
620621	民勤县	620600	county	t
620622	古浪县	620600	county	t
620623	天祝藏族自治县	620600	county	t
620702	甘州区	620700	county	t
620721	肃南裕固族自治县	620700	county	t
620722	民乐县	620700	county	t
620723	临泽县	620700	county	t
620724	高台县	620700	county	t
620725	山丹县	620700	county	t
620802	崆峒区	620800	county	t
620821	泾川县	620800	county	t
620822	灵台县	620800	county	t
620823	崇信县	620800	county	t
620825	庄浪县	620800	county	t
620826	静宁县	620800	county	t
620881	华亭市	620800	county	t
620902	肃州区	620900	county	t
620921	金塔县	620900	county	t
620922	瓜州县	620900	county	t
620923	肃北蒙古族自治县	620900	county	t
620924	阿克塞哈萨克族自治县	620900	county	t
620981	玉门市	620900	county	t
620982	敦煌市	620900	county	t
621002	西峰区	621000	county	t
621021	庆城县	621000	county	t
621022	环县	621000	county	t
621023	华池县	621000	county	t
621024	合水县	621000	county	t
621025	正宁县	621000	county	t
621026	宁县	621000	county	t
621027	镇原县	621000	county	t
621102	安定区	621100	county	t
621121	通渭县	621100	county	t
621122	陇西县	621100	county	t
621123	渭源县	621100	county	t
621124	临洮县	621100	county	t
621125	漳县	621100	county	t
621126	岷县	621100	county	t
621202	武都区	621200	county	t
621221	成县	621200	county	t
621222	文县	621200	county	t
621223	宕昌县	621200	county	t
621224	康县	621200	county	t
621225	西和县	621200	county	t
621226	礼县	621200	county	t
621227	徽县	621200	county	t
621228	两当县	621200	county	t
622901	临夏市	622900	county	t
622921	临夏县	622900	county	t
622922	康乐县	622900	county	t
622923	永靖县	622900	county	t
622924	广河县	622900	county	t
622925	和政县	622900	county	t
622926	东乡族自治县	622900	county	t
622927	积石山保安族东乡族撒拉族自治县	622900	county	t
623001	合作市	623000	county	t
623021	临潭县	623000	county	t
623022	卓尼县	623000	county	t
623023	舟曲县	623000	county	t
623024	迭部县	623000	county	t
623025	玛曲县	623000	county	t
623026	碌曲县	623000	county	t
623027	夏河县	623000	county	t
630102	城东区	630100	county	t
630103	城中区	630100	county	t
630104	城西区	630100	county	t
630105	城北区	630100	county	t
630106	湟中区	630100	county	t
630121	大通回族土族自治县	630100	county	t
630123	湟源县	630100	county	t
630202	乐都区	630200	county	t
630203	平安区	630200	county	t
630222	民和回族土族自治县	630200	county	t
630223	互助土族自治县	630200	county	t
630224	化隆回族自治县	630200	county	t
630225	循化撒拉族自治县	630200	county	t
632221	门源回族自治县	632200	county	t
632222	祁连县	632200	county	t
632223	海晏县	632200	county	t
632224	刚察县	632200	county	t
632301	同仁市	632300	county	t
632322	尖扎县	632300	county	t
632323	泽库县	632300	county	t
632324	河南蒙古族自治县	632300	county	t
632521	共和县	632500	county	t
632522	同德县	632500	county	t
632523	贵德县	632500	county	t
632524	兴海县	632500	county	t
632525	贵南县	632500	county	t
632621	玛沁县	632600	county	t
632622	班玛县	632600	county	t
632623	甘德县	632600	county	t
632624	达日县	632600	county	t
632625	久治县	632600	county	t
632626	玛多县	632600	county	t
632701	玉树市	632700	county	t
632722	杂多县	632700	county	t
632723	称多县	632700	county	t
632724	治多县	632700	county	t
632725	囊谦县	632700	county	t
632726	曲麻莱县	632700	county	t
632801	格尔木市	632800	county	t
632802	德令哈市	632800	county	t
632803	茫崖市	632800	county	t
632821	乌兰县	632800	county	t
632822	都兰县	632800	county	t
632823	天峻县	632800	county	t
632857	大柴旦行政委员会	632800	county	t
640104	兴庆区	640100	county	t
640105	西夏区	640100	county	t
640106	金凤区	640100	county	t
640121	永宁县	640100	county	t
640122	贺兰县	640100	county	t
640181	灵武市	640100	county	t
640202	大武口区	640200	county	t
640205	惠农区	640200	county	t
640221	平罗县	640200	county	t
640302	利通区	640300	county	t
640303	红寺堡区	640300	county	t
640323	盐池县	640300	county	t
640324	同心县	640300	county	t
640381	青铜峡市	640300	county	t
640402	原州区	640400	county	t
640422	西吉县	640400	county	t
640423	隆德县	640400	county	t
640424	泾源县	640400	county	t
640425	彭阳县	640400	county	t
640502	沙坡头区	640500	county	t
640521	中宁县	640500	county	t
640522	海原县	640500	county	t
650102	天山区	650100	county	t
650103	沙依巴克区	650100	county	t
650104	新市区	650100	county	t
650105	水磨沟区	650100	county	t
650106	头屯河区	650100	county	t
650107	达坂城区	650100	county	t
650109	米东区	650100	county	t
650121	乌鲁木齐县	650100	county	t
650202	独山子区	650200	county	t
650203	克拉玛依区	650200	county	t
650204	白碱滩区	650200	county	t
650205	乌尔禾区	650200	county	t
650402	高昌区	650400	county	t
650421	鄯善县	650400	county	t
650422	托克逊县	650400	county	t
650502	伊州区	650500	county	t
650521	巴里坤哈萨克自治县	650500	county	t
650522	伊吾县	650500	county	t
652301	昌吉市	652300	county	t
652302	阜康市	652300	county	t
652323	呼图壁县	652300	county	t
652324	玛纳斯县	652300	county	t
652325	奇台县	652300	county	t
652327	吉木萨尔县	652300	county	t
652328	木垒哈萨克自治县	652300	county	t
652701	博乐市	652700	county	t
652702	阿拉山口市	652700	county	t
652722	精河县	652700	county	t
652723	温泉县	652700	county	t
652801	库尔勒市	652800	county	t
652822	轮台县	652800	county	t
652823	尉犁县	652800	county	t
652824	若羌县	652800	county	t
652825	且末县	652800	county	t
652826	焉耆回族自治县	652800	county	t
652827	和静县	652800	county	t
652828	和硕县	652800	county	t
652829	博湖县	652800	county	t
652901	阿克苏市	652900	county	t
652902	库车市	652900	county	t
652922	温宿县	652900	county	t
652924	沙雅县	652900	county	t
652925	新和县	652900	county	t
652926	拜城县	652900	county	t
652927	乌什县	652900	county	t
652928	阿瓦提县	652900	county	t
652929	柯坪县	652900	county	t
653001	阿图什市	653000	county	t
653022	阿克陶县	653000	county	t
653023	阿合奇县	653000	county	t
653024	乌恰县	653000	county	t
653101	喀什市	653100	county	t
653121	疏附县	653100	county	t
653122	疏勒县	653100	county	t
653123	英吉沙县	653100	county	t
653124	泽普县	653100	county	t
653125	莎车县	653100	county	t
653126	叶城县	653100	county	t
653127	麦盖提县	653100	county	t
653128	岳普湖县	653100	county	t
653129	伽师县	653100	county	t
653130	巴楚县	653100	county	t
653131	塔什库尔干塔吉克自治县	653100	county	t
653201	和田市	653200	county	t
653221	和田县	653200	county	t
653222	墨玉县	653200	county	t
653223	皮山县	653200	county	t
653224	洛浦县	653200	county	t
653225	策勒县	653200	county	t
653226	于田县	653200	county	t
653227	民丰县	653200	county	t
654002	伊宁市	654000	county	t
654003	奎屯市	654000	county	t
654004	霍尔果斯市	654000	county	t
654021	伊宁县	654000	county	t
654022	察布查尔锡伯自治县	654000	county	t
654023	霍城县	654000	county	t
654024	巩留县	654000	county	t
654025	新源县	654000	county	t
654026	昭苏县	654000	county	t
654027	特克斯县	654000	county	t
654028	尼勒克县	654000	county	t
654201	塔城市	654200	county	t
654202	乌苏市	654200	county	t
654203	沙湾市	654200	county	t
654221	额敏县	654200	county	t
654224	托里县	654200	county	t
654225	裕民县	654200	county	t
654226	和布克赛尔蒙古自治县	654200	county	t
654301	阿勒泰市	654300	county	t
654321	布尔津县	654300	county	t
654322	富蕴县	654300	county	t
654323	福海县	654300	county	t
654324	哈巴河县	654300	county	t
654325	青河县	654300	county	t
654326	吉木乃县	654300	county	t
659001	石河子市	659000	county	t
659002	阿拉尔市	659000	county	t
659003	图木舒克市	659000	county	t
659004	五家渠市	659000	county	t
659005	北屯市	659000	county	t
659006	铁门关市	659000	county	t
659007	双河市	659000	county	t
659008	可克达拉市	659000	county	t
659009	昆玉市	659000	county	t
659010	胡杨河市	659000	county	t
659011	新星市	659000	county	t
659012	白杨市	659000	county	t
\.


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.schema_migrations (version, checksum, applied_at) FROM stdin;
0001_core	655ab528a20fc128	2026-12-03 10:19:44.353862+00
0002_indicators	f7fdb42fa657dad1	2026-12-03 10:19:44.380689+00
0003_regions	50dae9930e4615c9	2026-12-03 10:19:44.387438+00
0004_reconciliation	b5096480cee73c52	2026-12-03 10:19:44.459136+00
0005_changes	d983eb9c8e888b22	2026-12-03 10:19:44.47465+00
0006_locks	e0f1cf19aa91b39e	2026-12-03 10:19:44.480355+00
0007_targets	e6584b4ff6ce1657	2026-12-03 10:19:44.486702+00
0008_hardening	3e1e30113790e677	2026-12-03 10:19:44.491545+00
0009_set_based_writes	fd0976b5afdfb5ed	2026-12-03 10:19:44.494945+00
0010_conflict_children	edd9e524715c428e	2026-12-03 10:19:44.508753+00
0011_history_on_submissions	2d0fa5d7f9227209	2026-12-03 10:19:44.510497+00
0012_reporting_vocabulary	97e7976cacd7559	2026-12-03 10:19:44.516264+00
0013_submissions_without_fk_triggers	d19d5b371d583f6b	2026-12-03 10:19:44.523296+00
0014_room_for_updates	b546922ea0095a80	2026-12-03 10:19:44.525253+00
\.


--
-- Data for Name: submissions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.submissions (id, office, key, region, period, revision, content_hash, received_at, changed_indicators, changed_fields, old_values, new_values) FROM stdin;
1	330902	330902-9	330902	2023-09-01	1	\\x9678634105a45991e5d1976cbd646715f96c09b1effad8bfa4c98343d84014d9	2026-12-03 10:19:44.884447+00	\N	\N	\N	\N
2	330902	330902-10	330902	2023-10-01	1	\\xbffeacfd3b5daa7a8fccf293bcf863aa7b0d5425337f7fac5f4d77afdf33ffc2	2026-12-03 10:19:44.938274+00	\N	\N	\N	\N
3	330902	330902-11	330902	2023-11-01	1	\\x0279956ed1a3ccf9ffe0fe6f10b7f76c5dc4e3d40c286212fbeb85f5b38fa92f	2026-12-03 10:19:44.962571+00	\N	\N	\N	\N
4	330903	330903-9	330903	2023-09-01	1	\\x813cd29e0fa95416d674719cdc585536161f87a5ec510f4c1ab8539e3b32c106	2026-12-03 10:19:44.986616+00	\N	\N	\N	\N
5	330903	330903-10	330903	2023-10-01	1	\\xdb221b71e7edc40e44fff75c48e7ee77337319743395b9b8ae7e0c63cbf64f34	2026-12-03 10:19:45.012772+00	\N	\N	\N	\N
6	330903	330903-11	330903	2023-11-01	1	\\xe47811e2ff08e1a9d43539f0baddbd57172d608a9727d44622790588b51858da	2026-12-03 10:19:45.033148+00	\N	\N	\N	\N
7	330921	330921-9	330921	2023-09-01	1	\\xe2a96685edc8f848442e0a5bdfc7bbc7caf433eb5e1563799107457a133e679b	2026-12-03 10:19:45.056145+00	\N	\N	\N	\N
9	330921	330921-11	330921	2023-11-01	1	\\x902784d89c5e12e8c499aa86ed9379822ec5a5d1debdde5dc72d6fb10a7c7c29	2026-12-03 10:19:45.083322+00	\N	\N	\N	\N
10	330922	330922-9	330922	2023-09-01	1	\\x18f0087c66fbc22e3a0fcf081bf0e345bd94cbf494b01d8173e62817bbd8d239	2026-12-03 10:19:45.104662+00	\N	\N	\N	\N
12	330922	330922-11	330922	2023-11-01	1	\\xd5a1d22ae8e1b427e264ff211e58d4ae8c342af430aaad359ec56d7093ad43db	2026-12-03 10:19:45.130488+00	\N	\N	\N	\N
13	331002	331002-9	331002	2023-09-01	1	\\x0c777dda7d39323754e1f2f76b7aaeaf0c723493a4f3ef20fda1eb9ab79a3a64	2026-12-03 10:19:45.149775+00	\N	\N	\N	\N
15	331002	331002-11	331002	2023-11-01	1	\\x27608e79061775f81555b0c18abdeaa24d9429c89708696e4bbce5b7c7c06970	2026-12-03 10:19:45.175002+00	\N	\N	\N	\N
16	331003	331003-9	331003	2023-09-01	1	\\xda5ef51b54061ec97e9bc1723d208ceda9dba89abdfdadb2025970c8108c3e3b	2026-12-03 10:19:45.205241+00	\N	\N	\N	\N
18	331003	331003-11	331003	2023-11-01	1	\\x8d601a389f64dc01015dc6bee69541d1c6164a58e35082b31da8aac65d6805f7	2026-12-03 10:19:45.235616+00	\N	\N	\N	\N
19	331082	331082-9	331082	2023-09-01	1	\\xa91de6bb37feb443e1f5419934efaec192bba69676af4cebe0b3f77f78dad7da	2026-12-03 10:19:45.258678+00	\N	\N	\N	\N
21	331082	331082-11	331082	2023-11-01	1	\\x19ec72a9bb98a82e47037574290b8009f9a6a3348e2926cc52fb4fdf27d28fb6	2026-12-03 10:19:45.29151+00	\N	\N	\N	\N
22	330902	330902-vadd	330902	2023-10-01	2	\\x0b62dc7abdb53798f899dbc5d1eae8a5b72fe0f88c4ee2c219e8566f193735d3	2026-12-03 10:19:45.312021+00	\N	\N	\N	\N
23	331082	331082-est	331082	2023-11-01	2	\\xa1315ed963201d828f109d8f91ef9d82396755098493ae8a1b0a72e27326bcc2	2026-12-03 10:19:45.324607+00	\N	\N	\N	\N
24	330900	330900-11	330900	2023-11-01	1	\\xd36dfb776531c726b6ba932ecb6663aa570edd85cc83b30b4695ea0e5a60a10d	2026-12-03 10:19:45.342033+00	\N	\N	\N	\N
25	331000	331000-11	331000	2023-11-01	1	\\x01d05e832115ae64fc939dffba6cd86bf0a2f372824e2420cdcd7712310a151c	2026-12-03 10:19:45.359928+00	\N	\N	\N	\N
26	330000	330000-11	330000	2023-11-01	1	\\xaf1fcf5802c51f75fe39c741f9c4caab96b68e148023ef6346c9430e6cb4c576	2026-12-03 10:19:45.375542+00	\N	\N	\N	\N
27	331082	331082-11-r3	331082	2023-11-01	3	\\x2e400dae714c6fbc2a9aed93cbc7cdf20669b32a2ea162fea013b729b1c8b425	2026-12-03 10:19:45.38583+00	{ship_output,ship_output}	{ytd,month}	{48.6,16.6}	{66.6,22.6}
28	330903	330903-11-r2	330903	2023-11-01	2	\\xbd37af6e5b64b5695c88d25dda07e9759f2e2552772847b0ee190cdac40728a4	2026-12-03 10:19:45.395927+00	{ship_output,ship_output}	{ytd,yoy}	{33.1,1.5}	{33.10,1.50}
35	330922	330922-11-r2	330922	2023-11-01	2	\\x03882dc1014228b0bb5463c6ff02695434f22dba9ecee61f296e0152d32e663c	2026-12-03 10:19:45.616415+00	{ship_output,ship_output,ship_output}	{ytd,month,yoy}	{39.3,13.3,3.5}	{40.3,NULL,NULL}
36	330921	330921-11-r2	330921	2023-11-01	2	\\x0fc03c93a5f837cc584206889235621566bb4251bcda0b2e13b70b6e0ac24cd5	2026-12-03 10:19:45.631448+00	{ind_output,ind_output}	{ytd,yoy}	{108,-2.25}	{120,2.5}
37	331000	331000-11-r2	331000	2023-11-01	2	\\xf2e44ef1eeabec34c38770e22d568109c09f7ba4a781a947679bb51412dc28c1	2026-12-03 10:19:45.65075+00	{ship_output,ship_output}	{ytd,yoy}	{999.9,9.9}	{159.10,4.6}
\.


--
-- Data for Name: targets; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.targets (region, year, indicator, ytd, yoy, set_by, set_at, share, share_of) FROM stdin;
331082	2023	ship_output	\N	6.0	331000	2026-12-03 10:19:45.464517+00	\N	\N
330900	2023	ship_output	320	\N	330900	2026-12-03 10:19:45.471389+00	30	ind_output
\.


--
-- Name: conflicts_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.conflicts_id_seq', 4, true);


--
-- Name: lock_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.lock_history_id_seq', 2, true);


--
-- Name: submissions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.submissions_id_seq', 37, true);


--
-- Name: aggregates aggregates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.aggregates
    ADD CONSTRAINT aggregates_pkey PRIMARY KEY (region, period, indicator);


--
-- Name: change_counter change_counter_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.change_counter
    ADD CONSTRAINT change_counter_pkey PRIMARY KEY (only_row);


--
-- Name: change_log_horizon change_log_horizon_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.change_log_horizon
    ADD CONSTRAINT change_log_horizon_pkey PRIMARY KEY (only_row);


--
-- Name: changes changes_pkey1; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes
    ADD CONSTRAINT changes_pkey1 PRIMARY KEY (seq_last);


--
-- Name: conflicts conflicts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conflicts
    ADD CONSTRAINT conflicts_pkey PRIMARY KEY (id);


--
-- Name: figures figures_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.figures
    ADD CONSTRAINT figures_pkey PRIMARY KEY (region, period, indicator);


--
-- Name: indicator_parts indicator_parts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicator_parts
    ADD CONSTRAINT indicator_parts_pkey PRIMARY KEY (part, whole);


--
-- Name: indicators indicators_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicators
    ADD CONSTRAINT indicators_pkey PRIMARY KEY (code);


--
-- Name: lock_history lock_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lock_history
    ADD CONSTRAINT lock_history_pkey PRIMARY KEY (id);


--
-- Name: offices offices_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.offices
    ADD CONSTRAINT offices_pkey PRIMARY KEY (code);


--
-- Name: period_locks period_locks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.period_locks
    ADD CONSTRAINT period_locks_pkey PRIMARY KEY (region, period);


--
-- Name: reference_version reference_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reference_version
    ADD CONSTRAINT reference_version_pkey PRIMARY KEY (only_row);


--
-- Name: region_periods region_periods_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.region_periods
    ADD CONSTRAINT region_periods_pkey PRIMARY KEY (region, period);


--
-- Name: regions regions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.regions
    ADD CONSTRAINT regions_pkey PRIMARY KEY (code);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: submissions submissions_office_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.submissions
    ADD CONSTRAINT submissions_office_key_key UNIQUE (office, key);


--
-- Name: submissions submissions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.submissions
    ADD CONSTRAINT submissions_pkey PRIMARY KEY (id);


--
-- Name: targets targets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.targets
    ADD CONSTRAINT targets_pkey PRIMARY KEY (region, year, indicator);


--
-- Name: changes_committed_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_committed_at ON public.changes USING btree (committed_at);


--
-- Name: changes_region_seq; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_region_seq ON public.changes USING btree (region, seq_last);


--
-- Name: conflicts_live; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX conflicts_live ON public.conflicts USING btree (region, period, indicator, kind) WHERE (state <> 'closed'::text);


--
-- Name: conflicts_region_period; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conflicts_region_period ON public.conflicts USING btree (region, period);


--
-- Name: regions_parent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX regions_parent ON public.regions USING btree (parent);


--
-- Name: submissions_region_period; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX submissions_region_period ON public.submissions USING btree (region, period, received_at);


--
-- Name: indicator_parts indicator_parts_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER indicator_parts_changed AFTER INSERT OR DELETE OR UPDATE ON public.indicator_parts FOR EACH STATEMENT EXECUTE FUNCTION public.huizong_reference_changed();


--
-- Name: indicators indicators_builtin; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER indicators_builtin BEFORE DELETE OR UPDATE ON public.indicators FOR EACH ROW EXECUTE FUNCTION public.huizong_builtin_indicator();


--
-- Name: indicators indicators_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER indicators_changed AFTER INSERT OR DELETE OR UPDATE ON public.indicators FOR EACH STATEMENT EXECUTE FUNCTION public.huizong_reference_changed();


--
-- Name: indicators indicators_referenced; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER indicators_referenced BEFORE DELETE OR UPDATE OF code ON public.indicators FOR EACH ROW EXECUTE FUNCTION public.huizong_refuse_referenced_delete();


--
-- Name: offices offices_referenced; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER offices_referenced BEFORE DELETE OR UPDATE OF code ON public.offices FOR EACH ROW EXECUTE FUNCTION public.huizong_refuse_referenced_delete();


--
-- Name: regions regions_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER regions_changed AFTER INSERT OR DELETE OR UPDATE ON public.regions FOR EACH STATEMENT EXECUTE FUNCTION public.huizong_reference_changed();


--
-- Name: regions regions_referenced; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER regions_referenced BEFORE DELETE OR UPDATE OF code ON public.regions FOR EACH ROW EXECUTE FUNCTION public.huizong_refuse_referenced_delete();


--
-- Name: conflicts conflicts_indicator_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conflicts
    ADD CONSTRAINT conflicts_indicator_fkey FOREIGN KEY (indicator) REFERENCES public.indicators(code);


--
-- Name: conflicts conflicts_region_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conflicts
    ADD CONSTRAINT conflicts_region_fkey FOREIGN KEY (region) REFERENCES public.regions(code);


--
-- Name: conflicts conflicts_resolved_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conflicts
    ADD CONSTRAINT conflicts_resolved_by_fkey FOREIGN KEY (resolved_by) REFERENCES public.offices(code);


--
-- Name: indicator_parts indicator_parts_part_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicator_parts
    ADD CONSTRAINT indicator_parts_part_fkey FOREIGN KEY (part) REFERENCES public.indicators(code);


--
-- Name: indicator_parts indicator_parts_whole_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicator_parts
    ADD CONSTRAINT indicator_parts_whole_fkey FOREIGN KEY (whole) REFERENCES public.indicators(code);


--
-- Name: offices offices_region_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.offices
    ADD CONSTRAINT offices_region_fkey FOREIGN KEY (region) REFERENCES public.regions(code);


--
-- Name: period_locks period_locks_locked_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.period_locks
    ADD CONSTRAINT period_locks_locked_by_fkey FOREIGN KEY (locked_by) REFERENCES public.offices(code);


--
-- Name: period_locks period_locks_region_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.period_locks
    ADD CONSTRAINT period_locks_region_fkey FOREIGN KEY (region) REFERENCES public.regions(code);


--
-- Name: regions regions_parent_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.regions
    ADD CONSTRAINT regions_parent_fkey FOREIGN KEY (parent) REFERENCES public.regions(code);


--
-- Name: targets targets_indicator_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.targets
    ADD CONSTRAINT targets_indicator_fkey FOREIGN KEY (indicator) REFERENCES public.indicators(code);


--
-- Name: targets targets_region_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.targets
    ADD CONSTRAINT targets_region_fkey FOREIGN KEY (region) REFERENCES public.regions(code);


--
-- Name: targets targets_set_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.targets
    ADD CONSTRAINT targets_set_by_fkey FOREIGN KEY (set_by) REFERENCES public.offices(code);


--
-- Name: targets targets_share_of_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.targets
    ADD CONSTRAINT targets_share_of_fkey FOREIGN KEY (share_of) REFERENCES public.indicators(code);


--
-- PostgreSQL database dump complete
--

\unrestrict GlcPr5llLtejmPvFHWC7J2awSw23GOCRwbiP5MNcYgseJ1D12SYxnKbV448p8Fi

