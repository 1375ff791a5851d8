#!/usr/bin/env python3
"""Clients of huizongd for scripts/check-failover and scripts/check-restore (standard library only).

    hzdrill.py failover ...   pipelined submissions from several connections while a command stops
                              the primary and another promotes the standby; subscribers; then checks
                              the promoted database and prints the measured figures
    hzdrill.py load ...       sends a batch of submissions; every one must be accepted
    hzdrill.py probe ...      resends batches: each must answer the status expected of it

The wire protocol is /work/shared/PROTOCOL.md: one JSON object per line; `hello` with office and
token; `submit` with a key; `ack` (accepted or duplicate) or `error` (`unavailable` is retryable);
`subscribe` with `since`; `aggregate` events carrying `seq`.
"""

import argparse
import json
import socket
import subprocess
import sys
import threading
import time
from collections import deque

T0 = time.monotonic()


def now():
    return time.monotonic() - T0


# --- the line protocol -----------------------------------------------------------------------------


class Line:
    """One connection: send lines, receive one JSON object per line."""

    def __init__(self, host, port, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.settimeout(timeout)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def request(self, obj):
        self.send((json.dumps(obj, separators=(",", ":")) + "\n").encode())

    def recv(self):
        """The next object; socket.timeout if none within the timeout (nothing is lost: the partial
        line stays buffered); ConnectionError when the daemon closed the connection."""
        while b"\n" not in self.buf:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise ConnectionError("connection closed by the daemon")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def hello(conn, office):
    conn.request({"type": "hello", "id": "hello", "office": office["office"], "token": office["token"]})
    return conn.recv()


# --- the workload ----------------------------------------------------------------------------------


def parse_years(spec):
    a, _, b = spec.partition("-")
    return range(int(a), int(b or a) + 1)


def workload(tag, offices, years):
    """For each county office: one submission per month of `years` for its region, revision 1, with
    规上工业总产值 and 规上工业增加值 year-to-date rising through the year (so any arrival order passes
    the rules against stored figures). Keys (also the request ids) are unique: TAG-REGION-YYYY-MM."""
    out = {}
    for k, o in enumerate(offices):
        subs = []
        for y in years:
            for m in range(1, 13):
                period = "%d-%02d" % (y, m)
                key = "%s-%s-%s" % (tag, o["region"], period)
                line = json.dumps({
                    "type": "submit", "id": key, "key": key, "region": o["region"], "period": period,
                    "revision": 1,
                    "figures": [{"indicator": "ind_output", "ytd": "%d.%02d" % (m * (80 + k), k + 1)},
                                {"indicator": "ind_value_added", "ytd": "%d.%02d" % (m * (20 + k), k + 1)}],
                }, separators=(",", ":"), ensure_ascii=False)
                subs.append((key, o["region"], period, (line + "\n").encode()))
        out[o["office"]] = subs
    return out


# --- what the clients saw --------------------------------------------------------------------------


class Record:
    def __init__(self):
        self.lock = threading.Lock()
        self.status = {}          # key -> last status answered (accepted / duplicate)
        self.ack_times = []       # (time, status)
        self.unavailable = 0      # submissions answered `unavailable`
        self.unavailable_times = []
        self.hello_unavailable = 0
        self.no_answer = 0        # submissions in flight on a connection that ended without answering
        self.lost = []            # times connections ended (closed, reset, timed out)
        self.timeouts = 0         # connections given up after the reply timeout
        self.refused = 0          # connection attempts refused
        self.other = []           # any other error or unexpected reply: none is allowed
        self.answers = {}         # key -> list of statuses/codes in order (probe)
        self.accepted_at = {}     # key -> time of its `accepted`

    def ack(self, key, status):
        t = now()
        with self.lock:
            self.status[key] = status
            if status == "accepted":
                self.accepted_at[key] = t
            self.ack_times.append((t, status))
            self.answers.setdefault(key, []).append(status)

    def unavail(self, key):
        with self.lock:
            self.unavailable += 1
            self.unavailable_times.append(now())
            if key is not None:
                self.answers.setdefault(key, []).append("unavailable")

    def other_error(self, key, reply):
        with self.lock:
            self.other.append((round(now(), 3), key, reply))
            if key is not None:
                self.answers.setdefault(key, []).append(reply.get("code") or reply.get("type") or "?")

    def connection_lost(self, in_flight, timeout=False):
        with self.lock:
            self.lost.append(now())
            self.no_answer += in_flight
            self.timeouts += 1 if timeout else 0

    def acked_count(self):
        with self.lock:
            return len(self.status)


def submitter(host, port, office, subs, window, rec, deadline, reply_timeout):
    """Pipelines `subs` over one connection (reconnecting when it ends) until each is acknowledged:
    `accepted`, or `duplicate` when a resend finds its first copy stored. `unavailable` and
    submissions left unanswered by a dropped connection are sent again with the same key."""
    pending = deque(subs)
    while pending and now() < deadline:
        try:
            conn = Line(host, port, reply_timeout)
        except OSError:
            with rec.lock:
                rec.refused += 1
            time.sleep(0.05)
            continue
        inflight = deque()
        try:
            r = hello(conn, office)
            if r.get("type") != "welcome":
                if r.get("code") == "unavailable":
                    with rec.lock:
                        rec.hello_unavailable += 1
                else:
                    rec.other_error(None, r)
                    return
                conn.close()
                time.sleep(0.05)
                continue
            hold = 0.0
            while (pending or inflight) and now() < deadline:
                t = now()
                if t >= hold and pending and len(inflight) < window:
                    batch = []
                    while pending and len(inflight) < window:
                        s = pending.popleft()
                        inflight.append(s)
                        batch.append(s[3])
                    conn.send(b"".join(batch))
                if not inflight:
                    time.sleep(max(0.0, hold - now()))
                    continue
                r = conn.recv()
                if r.get("type") == "aggregate":
                    continue
                s = inflight.popleft()
                if r.get("id") != s[0]:
                    rec.other_error(s[0], {"type": "mismatched reply", "reply": r})
                    pending.appendleft(s)
                    raise ConnectionError("reply out of order")
                if r.get("type") == "ack" and r.get("status") in ("accepted", "duplicate"):
                    rec.ack(s[0], r["status"])
                elif r.get("type") == "error" and r.get("code") == "unavailable" and r.get("retryable") is True:
                    rec.unavail(s[0])
                    pending.append(s)
                    hold = now() + 0.05   # a short pause before resending, not a flood of refusals
                else:
                    rec.other_error(s[0], r)
        except socket.timeout:
            rec.connection_lost(len(inflight), timeout=True)
        except (OSError, ConnectionError, ValueError):
            rec.connection_lost(len(inflight))
        pending.extendleft(reversed(inflight))
        conn.close()
        if pending:
            time.sleep(0.05)


def run_load(host, port, offices, subs_by_office, window, rec, deadline, reply_timeout=10.0):
    threads = []
    for o in offices:
        th = threading.Thread(target=submitter, daemon=True,
                              args=(host, port, o, subs_by_office[o["office"]], window, rec, deadline, reply_timeout))
        th.start()
        threads.append(th)
    return threads


# --- subscribers -----------------------------------------------------------------------------------


class Subscriber:
    """Subscribes to `region` from seq 0 and records every event. Reconnects (with `since` = the last
    seq seen) whenever the daemon ends the connection or interrupts the subscription. With
    `drop_at`, it also drops its connection when that event is set and subscribes again, with
    `since`, once `resume_at` is set: the client that resubscribes after the failover."""

    def __init__(self, name, host, port, office, region, deadline, drop_at=None, resume_at=None):
        self.name, self.host, self.port, self.office, self.region = name, host, port, office, region
        self.deadline, self.drop_at, self.resume_at = deadline, drop_at, resume_at
        self.last = 0
        self.events = []          # (seq, region, period, indicator)
        self.out_of_order = []    # seqs not above the one before (a duplicate or a regression)
        self.subscriptions = []   # (time, since, answer)
        self.interruptions = []   # (time, why)
        self.errors = []          # anything unexpected
        self.stop = threading.Event()
        self.target = None        # stop once last >= target and stop is set
        self.thread = threading.Thread(target=self.run, daemon=True)

    def done(self):
        return self.stop.is_set() and self.target is not None and self.last >= self.target

    def run(self):
        dropped = False
        while now() < self.deadline and not self.done():
            if self.drop_at is not None and self.drop_at.is_set() and not dropped:
                dropped = True
                self.interruptions.append((now(), "dropped by the client at the failover"))
                while not self.resume_at.is_set() and now() < self.deadline:
                    time.sleep(0.01)
            try:
                conn = Line(self.host, self.port, 0.2)
            except OSError as e:
                self.interruptions.append((now(), "connect: %s" % e))
                time.sleep(0.1)
                continue
            try:
                r = hello(conn, self.office)
                if r.get("type") != "welcome":
                    if r.get("code") != "unavailable":
                        self.errors.append(r)
                    self.interruptions.append((now(), "hello: %s" % r.get("code")))
                    conn.close()
                    time.sleep(0.1)
                    continue
                conn.request({"type": "subscribe", "id": "w", "region": self.region, "since": self.last})
                while not self.done():
                    if self.drop_at is not None and self.drop_at.is_set() and not dropped:
                        break
                    try:
                        m = conn.recv()
                    except socket.timeout:
                        if now() > self.deadline:
                            break
                        continue
                    t = m.get("type")
                    if t == "aggregate":
                        seq = m["seq"]
                        if seq <= self.last:
                            self.out_of_order.append(seq)
                        else:
                            self.last = seq
                        self.events.append((seq, m["region"], m["period"], m["indicator"]))
                    elif t == "subscribed":
                        self.subscriptions.append((now(), self.last, m.get("seq")))
                    elif t == "closing":
                        self.interruptions.append((now(), "closing"))
                        break
                    elif t == "error":
                        self.interruptions.append((now(), "error %s: %s" % (m.get("code"), m.get("message"))))
                        if m.get("code") != "unavailable":
                            self.errors.append(m)
                        time.sleep(0.1)
                        break
                    elif t != "pong":
                        self.errors.append(m)
            except (OSError, ConnectionError, ValueError) as e:
                self.interruptions.append((now(), "connection: %s" % e))
                time.sleep(0.1)
            finally:
                conn.close()


# --- the database ----------------------------------------------------------------------------------


def sql(conninfo, query):
    out = subprocess.run(["psql", conninfo, "-XAtq", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", query],
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError("psql: %s" % out.stderr.strip())
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def quote_list(values):
    return "ARRAY[%s]::text[]" % ",".join("'%s'" % v.replace("'", "''") for v in values)


def stored_keys(conninfo, offices):
    rows = sql(conninfo, "SELECT key, count(*) FROM submissions WHERE office = ANY(%s) GROUP BY key"
               % quote_list([o["office"] for o in offices]))
    return {k: int(n) for k, n in rows}


def subtree_changes(conninfo, region):
    """Every seq the change log holds for `region` and the regions under it."""
    rows = sql(conninfo, """
        WITH RECURSIVE t(code) AS (SELECT '%s'::text UNION ALL SELECT r.code FROM regions r JOIN t ON r.parent = t.code)
        SELECT seq_first, seq_last FROM changes WHERE region IN (SELECT code FROM t)""" % region.replace("'", "''"))
    seqs = set()
    for a, b in rows:
        seqs.update(range(int(a), int(b) + 1))
    return seqs


def run_command(cmd):
    started = now()
    out = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=120)
    return started, now(), out


# --- failover --------------------------------------------------------------------------------------


def failover(a):
    offices = json.load(open(a.offices))
    counties = [o for o in offices if o["role"] == "county"]
    city = next(o for o in offices if o["role"] == "city")
    province = next(o for o in offices if o["role"] == "province")
    subs = workload(a.tag, counties, parse_years(a.years))
    total = sum(len(v) for v in subs.values())
    deadline = now() + a.deadline
    failures = []

    killed, resumed = threading.Event(), threading.Event()
    watchers = [
        Subscriber("city, connected throughout", a.host, a.port, city, city["region"], deadline),
        Subscriber("city, resubscribes with since after the failover", a.host, a.port, city, city["region"],
                   deadline, drop_at=killed, resume_at=resumed),
        Subscriber("province, connected throughout", a.host, a.port, province, province["region"], deadline),
    ]
    for w in watchers:
        w.thread.start()
    time.sleep(0.5)   # subscribed before the first submission

    rec = Record()
    load_start = now()
    threads = run_load(a.host, a.port, counties, subs, a.window, rec, deadline)

    kill_after = int(total * a.kill_at)
    while rec.acked_count() < kill_after:
        if now() > deadline or not any(t.is_alive() for t in threads):
            failures.append("the load did not reach %d acknowledgements before the kill" % kill_after)
            break
        time.sleep(0.005)
    acked_before_kill = rec.acked_count()
    k0, k1, kout = run_command(a.kill_cmd)
    killed.set()
    if kout.returncode != 0:
        failures.append("kill command failed: %s" % kout.stderr.strip())
    time.sleep(max(0.0, k1 + a.promote_delay - now()))
    p0, p1, pout = run_command(a.promote_cmd)
    if pout.returncode != 0:
        failures.append("promote command failed: %s" % pout.stderr.strip())
    resumed.set()

    for th in threads:
        th.join(max(0.0, deadline - now()))
    load_end = now()
    unfinished = [th for th in threads if th.is_alive()]
    if unfinished:
        failures.append("%d connections still had unacknowledged submissions at the deadline" % len(unfinished))

    # What the clients saw.
    all_keys = {s[0] for v in subs.values() for s in v}
    acked = set(rec.status)
    if acked != all_keys:
        failures.append("%d of %d submissions never acknowledged" % (len(all_keys - acked), len(all_keys)))
    if rec.other:
        failures.append("%d answers other than ack or unavailable, e.g. %s" % (len(rec.other), rec.other[:3]))
    for w in watchers:
        if w.errors:
            failures.append("subscriber '%s' got errors other than unavailable: %s" % (w.name, w.errors[:3]))

    refusals = sorted([t for t in rec.unavailable_times if t >= k0] + [t for t in rec.lost if t >= k0])
    first_refusal = refusals[0] if refusals else None
    acks_before = [t for t, _ in rec.ack_times if t < k0]
    acks_after_promote = sorted(t for t, st in rec.ack_times if t >= p1)
    first_ack_after = acks_after_promote[0] if acks_after_promote else None
    duplicates = sum(1 for _, st in rec.ack_times if st == "duplicate")
    accepted_answers = sum(1 for _, st in rec.ack_times if st == "accepted")

    # The promoted database: every acknowledged submission exactly once, nothing else.
    stored = stored_keys(a.db, counties)
    missing = [k for k in acked if stored.get(k, 0) != 1]
    doubled = [k for k, n in stored.items() if n != 1]
    strangers = [k for k in stored if k not in all_keys]
    if missing:
        failures.append("%d acknowledged submissions not stored exactly once in the promoted database, e.g. %s"
                        % (len(missing), missing[:5]))
    if doubled or strangers:
        failures.append("stored more than once: %s; stored but never sent: %s" % (doubled[:5], strangers[:5]))

    # Subscribers: let them catch up with the log, then compare what each saw with the log itself.
    expected = {}
    settle = now() + a.settle
    while True:
        for w in watchers:
            expected[w.name] = subtree_changes(a.db, w.region)
            w.target = max(expected[w.name], default=0)
            w.stop.set()
        if all(w.last >= w.target for w in watchers) or now() > settle:
            break
        time.sleep(0.2)
    for w in watchers:
        w.thread.join(max(0.0, min(deadline, settle) - now()) + 1)
    county_periods = {(s[1], s[2]) for v in subs.values() for s in v if s[0] in acked}
    sub_report = []
    for w in watchers:
        seen = [e[0] for e in w.events]
        seen_set = set(seen)
        exp = {s for s in expected[w.name] if s <= w.target}
        missed = sorted(exp - seen_set)
        foreign = sorted(s for s in seen_set - exp if s <= w.target)
        dup = len(seen) - len(seen_set)
        resubs = len(w.subscriptions) - 1
        line = {"subscriber": w.name, "events": len(seen), "last_seq": w.last, "log_seqs": len(exp),
                "missed": len(missed), "not_in_log": len(foreign), "duplicates": dup,
                "out_of_order": len(w.out_of_order), "resubscriptions": resubs,
                "interruptions": [(round(t - k0, 3), why) for t, why in w.interruptions]}
        if missed or foreign or dup or w.out_of_order:
            failures.append("subscriber '%s': %d missed (e.g. %s), %d not in the log, %d duplicates, %d out of order"
                            % (w.name, len(missed), missed[:5], len(foreign), dup, len(w.out_of_order)))
        if w.region == province["region"] and seen_set and sorted(seen_set) != list(range(1, max(seen_set) + 1)):
            gaps = sorted(set(range(1, max(seen_set) + 1)) - seen_set)
            failures.append("subscriber '%s': seq not contiguous, gaps at %s" % (w.name, gaps[:10]))
        if w.region == city["region"]:
            have = {(e[1], e[2], e[3]) for e in w.events}
            lacking = [(r, p) for r, p in county_periods
                       if (r, p, "ind_output") not in have or (r, p, "ind_value_added") not in have]
            line["acknowledged_without_event"] = len(lacking)
            if lacking:
                failures.append("subscriber '%s': no event for %d acknowledged submissions, e.g. %s"
                                % (w.name, len(lacking), lacking[:5]))
        if w.drop_at is not None and resubs < 1:
            failures.append("subscriber '%s' never resubscribed" % w.name)
        sub_report.append(line)

    def rel(t):
        return None if t is None else round(t - k0, 3)

    report = {
        "submissions": total, "connections": len(counties), "window": a.window,
        "acknowledged_before_kill": acked_before_kill,
        "kill_command_s": round(k1 - k0, 3), "promote_started_after_kill_s": rel(p0),
        "promote_command_s": round(p1 - p0, 3),
        "first_refusal_after_kill_s": rel(first_refusal),
        "last_ack_before_kill_s": rel(acks_before[-1] if acks_before else None),
        "first_ack_after_promotion_s": rel(first_ack_after),
        "first_ack_after_promotion_after_promote_done_s": None if first_ack_after is None else round(first_ack_after - p1, 3),
        "refusal_window_s": None if first_refusal is None or first_ack_after is None else round(first_ack_after - first_refusal, 3),
        "unavailable_answers": rec.unavailable, "hello_unavailable": rec.hello_unavailable,
        "connections_lost": len([t for t in rec.lost if t >= k0]), "reply_timeouts": rec.timeouts,
        "unanswered_in_flight": rec.no_answer, "connects_refused": rec.refused,
        "accepted_answers": accepted_answers, "duplicate_answers": duplicates,
        "other_errors": len(rec.other),
        "acknowledged": len(acked), "stored_rows": sum(stored.values()), "distinct_stored_keys": len(stored),
        "load_seconds": round(load_end - load_start, 3),
        "subscribers": sub_report,
    }
    if first_refusal is None:
        failures.append("no client saw a refusal after the kill: the primary was not stopped mid-load")
    if first_ack_after is None:
        failures.append("no acknowledgement after the promotion")
    # Keys whose `accepted` came after the stop: committed on node2 after the promotion, or (if a
    # node1 commit had reached node2) answered `duplicate` instead. check-failover compares them with
    # what the old primary holds.
    accepted_after = sorted(k for k, st in rec.status.items() if st == "accepted" and rec.accepted_at[k] >= k0)
    json.dump({"report": report, "failures": failures, "accepted_after_stop": accepted_after},
              open(a.out, "w"), indent=1, ensure_ascii=False)
    print_report(report)
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


def print_report(r):
    print("  submissions %(submissions)d over %(connections)d connections (window %(window)d each); "
          "%(acknowledged_before_kill)d acknowledged when the primary was stopped" % r)
    print("  pg_ctl stop -m immediate took %(kill_command_s).3f s; promote started %(promote_started_after_kill_s).3f s "
          "after the stop began and took %(promote_command_s).3f s" % r)
    print("  first refusal %s s after the stop; first ack after the promotion %s s after the stop (%s s after "
          "pg_ctl promote returned)" % (r["first_refusal_after_kill_s"], r["first_ack_after_promotion_s"],
                                        r["first_ack_after_promotion_after_promote_done_s"]))
    print("  REFUSAL WINDOW (first unavailable/unanswered to first ack after promotion): %s s" % r["refusal_window_s"])
    print("  answers: %(accepted_answers)d accepted, %(duplicate_answers)d duplicate (resends found stored), "
          "%(unavailable_answers)d unavailable, %(other_errors)d other errors; hello unavailable %(hello_unavailable)d; "
          "connections lost %(connections_lost)d (submissions unanswered in them: %(unanswered_in_flight)d), "
          "reply timeouts %(reply_timeouts)d, connects refused %(connects_refused)d" % r)
    print("  promoted database: %(stored_rows)d rows, %(distinct_stored_keys)d distinct keys, "
          "%(acknowledged)d acknowledged; load took %(load_seconds).1f s" % r)
    for s in r["subscribers"]:
        print("  subscriber %s: %d events, last seq %d, log has %d for its regions: missed %d, not in log %d, "
              "duplicates %d, out of order %d, resubscriptions %d%s" % (
                  s["subscriber"], s["events"], s["last_seq"], s["log_seqs"], s["missed"], s["not_in_log"],
                  s["duplicates"], s["out_of_order"], s["resubscriptions"],
                  "" if "acknowledged_without_event" not in s else
                  ", acknowledged submissions without their events %d" % s["acknowledged_without_event"]))
        if s["interruptions"]:
            print("    interruptions (s after the stop): %s" % s["interruptions"][:6])


# --- restore: load and probe -----------------------------------------------------------------------


def load(a):
    offices = [o for o in json.load(open(a.offices)) if o["role"] == "county"]
    subs = workload(a.tag, offices, parse_years(a.years))
    rec = Record()
    t0 = now()
    threads = run_load(a.host, a.port, offices, subs, a.window, rec, now() + a.deadline)
    for th in threads:
        th.join()
    keys = {s[0] for v in subs.values() for s in v}
    accepted = [k for k, st in rec.status.items() if st == "accepted"]
    print("  %s: %d submissions, %d accepted in %.2f s" % (a.tag, len(keys), len(accepted), now() - t0))
    bad = len(accepted) != len(keys) or rec.other or rec.unavailable or rec.no_answer
    if bad:
        print("FAIL: batch %s: %d accepted of %d, %d unavailable, %d unanswered, other answers %s"
              % (a.tag, len(accepted), len(keys), rec.unavailable, rec.no_answer, rec.other[:3]), file=sys.stderr)
        return 1
    return 0


def probe(a):
    """Resends batches; with --expect TAG:YEARS:STATUS each submission's single answer must be STATUS."""
    offices = [o for o in json.load(open(a.offices)) if o["role"] == "county"]
    failures = []
    for spec in a.expect:
        tag, years, want = spec.split(":")
        subs = workload(tag, offices, parse_years(years))
        rec = Record()
        t0 = now()
        threads = run_load(a.host, a.port, offices, subs, a.window, rec, now() + a.deadline)
        for th in threads:
            th.join()
        keys = [s[0] for v in subs.values() for s in v]
        answers = {}
        for k in keys:
            ans = rec.answers.get(k, ["no answer"])
            answers[tuple(ans)] = answers.get(tuple(ans), 0) + 1
        print("  resent %s (%d submissions) in %.2f s: %s" % (
            tag, len(keys), now() - t0, ", ".join("%d %s" % (n, "/".join(a_)) for a_, n in sorted(answers.items()))))
        wrong = {a_: n for a_, n in answers.items() if a_ != (want,)}
        if wrong:
            failures.append("%s: expected every answer %s, got %s" % (tag, want, wrong))
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)

    def common(q):
        q.add_argument("--host", default="127.0.0.1")
        q.add_argument("--port", type=int, required=True)
        q.add_argument("--offices", required=True, help="JSON list of {office, region, role, token}")
        q.add_argument("--window", type=int, default=64, help="submissions in flight per connection")
        q.add_argument("--deadline", type=float, default=90.0, help="seconds for everything")

    f = sub.add_parser("failover")
    common(f)
    f.add_argument("--tag", default="fo")
    f.add_argument("--years", default="1975-2024")
    f.add_argument("--kill-at", type=float, default=0.35, help="fraction of submissions acknowledged before the stop")
    f.add_argument("--kill-cmd", required=True)
    f.add_argument("--promote-cmd", required=True)
    f.add_argument("--promote-delay", type=float, default=1.0)
    f.add_argument("--settle", type=float, default=20.0, help="seconds for subscribers to catch up")
    f.add_argument("--db", required=True, help="conninfo of the promoted database")
    f.add_argument("--out", required=True)
    l_ = sub.add_parser("load")
    common(l_)
    l_.add_argument("--tag", required=True)
    l_.add_argument("--years", required=True)
    r = sub.add_parser("probe")
    common(r)
    r.add_argument("--expect", action="append", required=True, help="TAG:YEARS:STATUS")
    a = p.parse_args()
    return {"failover": failover, "load": load, "probe": probe}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
