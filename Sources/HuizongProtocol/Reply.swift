import HuizongCore

/// Encoders for every reply of PROTOCOL.md. Each returns one line including its `\n`.
public enum Reply {
    public static let protocolVersion = 1

    public static func welcome(id: String?, office: Office, server: String) -> [UInt8] {
        var w = header("welcome", id)
        w.string("office", office.code)
        w.string("role", office.role.rawValue)
        w.string("region", office.region)
        w.int("protocol", protocolVersion)
        w.string("server", server)
        return line(w)
    }

    public static func pong(id: String?) -> [UInt8] { line(header("pong", id)) }

    public static func ack(id: String?, key: String, status: String, revision: Int, warnings: [Issue]) -> [UInt8] {
        var w = header("ack", id)
        w.string("key", key)
        w.string("status", status)
        w.int("revision", revision)
        w.array("warnings", warnings.map(issue))
        return line(w)
    }

    public static func error(id: String?, code: ErrorCode, message: String, issues: [Issue] = []) -> [UInt8] {
        var w = header("error", id)
        w.string("code", code.rawValue)
        w.string("message", message)
        w.bool("retryable", code.retryable)
        w.array("errors", issues.map(issue))
        return line(w)
    }

    /// v1.2: a subscriber cut for being slow, told the seq of the last event it was sent whole.
    public static func slowConsumer(since: Int64, message: String) -> [UInt8] {
        var w = header("error", nil)
        w.string("code", ErrorCode.slowConsumer.rawValue)
        w.int64("since", since)
        w.string("message", message)
        w.bool("retryable", false)
        w.array("errors", [])
        return line(w)
    }

    public static func error(_ e: RequestError) -> [UInt8] {
        error(id: e.id, code: e.code, message: e.message, issues: e.issues)
    }

    public static func result(id: String?, figures: [AggregateView]) -> [UInt8] {
        var w = header("result", id)
        w.array("figures", figures.map(aggregate))
        return line(w)
    }

    /// The aggregate object of PROTOCOL.md, plus the region's own figure as reported (ytd, month,
    /// num, den, note) and who reported it (revision, office, updated_at).
    static func aggregate(_ a: AggregateView) -> [UInt8] {
        var w = JSONObjectWriter()
        w.string("region", a.region)
        w.string("period", a.period.description)
        w.string("indicator", a.indicator)
        w.decimal("value", a.value)
        w.decimal("yoy", a.yoy)
        w.decimal("own", a.own)
        w.decimal("sum", a.sum)
        w.int("reported", a.reported)
        w.int("expected", a.expected)
        w.string("status", a.status)
        if let c = a.conflict { w.string("conflict", String(c)) } else { w.null("conflict") }
        w.bool("locked", a.locked)
        if a.kind == .ratio {
            w.decimal("num", a.num)
            w.decimal("den", a.den)
        }
        if let t = a.target { w.raw("target", target(t)) } else { w.null("target") }
        w.bool("estimate", a.estimate)
        if let r = a.rank {
            var k = JSONObjectWriter()
            k.string("parent", r.parent)
            place(r, into: &k)
            k.array("groups", r.groups.map { g in
                var o = JSONObjectWriter()
                o.string("group", g.position.parent)
                o.string("name", g.name)
                place(g.position, into: &o)
                return o.finish()
            })
            w.raw("rank", k.finish())
        } else {
            w.null("rank")
        }
        if a.kind == .flow { w.decimal("mom", a.mom) }
        if let stored = a.figure {
            let f = stored.figure
            if a.kind == .flow {
                w.decimal("ytd", f.ytd)
                w.decimal("month", f.month)
            }
            w.string("note", f.note)
            w.int("revision", stored.revision)
            w.string("office", stored.office)
            w.string("updated_at", stored.updatedAt)
        }
        w.decimal("year_estimate", a.yearEstimate)
        w.strings("flags", a.flags)
        if let r = a.review { w.raw("review", review(r)) }
        if let n = a.approved { w.int("approved", n) }
        return w.finish()
    }

    /// A place among siblings or in a group: how many reported, the ranks, their streaks, the gap.
    static func place(_ r: RankPosition, into k: inout JSONObjectWriter) {
        k.int("of", r.of)
        k.int("value", r.value)
        k.int("yoy", r.yoy)
        k.int("value_streak", r.valueStreak)
        k.int("yoy_streak", r.yoyStreak)
        k.decimal("gap", r.gap)
    }

    /// v1.2: a month's review state, who reviewed it and when, and the note.
    static func review(_ r: ReviewStatus) -> [UInt8] {
        var k = JSONObjectWriter()
        k.string("state", r.state.rawValue)
        k.string("by", r.by)
        k.string("at", r.at)
        k.string("note", r.note)
        return k.finish()
    }

    public static func reviewed(id: String?, region: String, period: Period, _ r: ReviewStatus, changed: Bool) -> [UInt8] {
        var w = header("reviewed", id)
        w.string("region", region)
        w.string("period", period.description)
        w.string("state", r.state.rawValue)
        w.string("by", r.by)
        w.string("at", r.at)
        w.string("note", r.note)
        w.bool("changed", changed)
        return line(w)
    }

    static func group(_ g: PeerGroup) -> JSONObjectWriter {
        var k = JSONObjectWriter()
        k.string("code", g.code)
        k.string("name", g.name)
        k.strings("members", g.members)
        return k
    }

    public static func group(id: String?, _ g: PeerGroup) -> [UInt8] {
        var w = header("group", id)
        w.members(group(g).finish())
        return line(w)
    }

    public static func groups(id: String?, _ list: [PeerGroup]) -> [UInt8] {
        var w = header("groups", id)
        w.array("groups", list.map { group($0).finish() })
        return line(w)
    }

    public static func boundsSet(id: String?, _ key: BoundKey, _ b: Bound) -> [UInt8] {
        var w = header("bounds_set", id)
        w.string("region", key.region)
        w.string("indicator", key.indicator)
        w.string("field", key.field.rawValue)
        w.decimal("min", b.min)
        w.decimal("max", b.max)
        return line(w)
    }

    public static func outliers(id: String?, _ list: [(region: String, indicator: String, flag: QualityFlag)]) -> [UInt8] {
        var w = header("outliers", id)
        w.array("figures", list.map { e in
            var k = JSONObjectWriter()
            k.string("region", e.region)
            k.string("indicator", e.indicator)
            k.string("field", e.flag.field)
            k.decimal("value", e.flag.value)
            k.string("code", e.flag.code.rawValue)
            k.decimal("median", e.flag.median)
            k.decimal("score", e.flag.score)
            k.decimal("min", e.flag.min)
            k.decimal("max", e.flag.max)
            return k.finish()
        })
        return line(w)
    }

    public static func reviews(id: String?, period: Period, _ list: [(region: String, action: String, by: String, at: String, note: String?)]) -> [UInt8] {
        var w = header("reviews", id)
        w.array("reviews", list.map { r in
            var k = JSONObjectWriter()
            k.string("region", r.region)
            k.string("period", period.description)
            k.string("action", r.action)
            k.string("by", r.by)
            k.string("at", r.at)
            k.string("note", r.note)
            return k.finish()
        })
        return line(w)
    }

    /// The target object: each target set, with its progress and light (v1.1: a level and a growth
    /// together; a stock's or ratio's level without time progress; a share of another indicator).
    static func target(_ t: TargetProgress) -> [UInt8] {
        var k = JSONObjectWriter()
        if let level = t.targets.level {
            k.decimal("ytd", level)
            k.decimal("progress", t.progress)
            k.decimal("time_progress", t.timeProgress)
            k.string("light", t.light?.rawValue)
            if let growth = t.targets.growth {
                k.decimal("yoy", growth)
                k.string("yoy_light", t.yoyLight?.rawValue)
            }
            if t.hasProjection {
                k.decimal("projected", t.projected)
                k.string("projected_light", t.projectedLight?.rawValue)
            }
        } else if let growth = t.targets.growth {
            k.decimal("yoy", growth)
            k.null("progress")
            k.decimal("time_progress", t.timeProgress)
            k.string("light", t.light?.rawValue)
        }
        if let share = t.targets.share {
            k.decimal("share", share)
            k.string("of", t.targets.shareOf)
            k.decimal("actual", t.shareActual)
            // With a level or growth target the share's light has its own key.
            k.string(t.targets.level == nil && t.targets.growth == nil ? "light" : "share_light", t.shareLight?.rawValue)
        }
        return k.finish()
    }

    /// The answer to `lock` (`"type":"locked"`) or `unlock` (`"type":"unlocked"`); `changed` is false
    /// when the period already was in that state.
    public static func locked(id: String?, region: String, period: Period, locked: Bool, changed: Bool) -> [UInt8] {
        var w = header(locked ? "locked" : "unlocked", id)
        w.string("region", region)
        w.string("period", period.description)
        w.bool("changed", changed)
        return line(w)
    }

    public static func targetSet(id: String?, _ t: TargetRequest) -> [UInt8] {
        var w = header("target_set", id)
        w.string("region", t.region)
        w.int("year", t.year)
        w.string("indicator", t.indicator)
        if let level = t.targets.level { w.decimal("ytd", level) }
        if let growth = t.targets.growth { w.decimal("yoy", growth) }
        if let share = t.targets.share { w.decimal("share", share); w.string("of", t.targets.shareOf) }
        return line(w)
    }

    /// Who reported a period on time, late or not at all; counts and each child.
    public static func completeness(id: String?, region: String, period: Period, deadline: String, indicator: String? = nil,
                                    children: [(code: String, name: String, status: String, at: String?, review: ReviewState)]) -> [UInt8] {
        var w = header("completeness", id)
        w.string("region", region)
        w.string("period", period.description)
        if let indicator { w.string("indicator", indicator) }
        w.string("deadline", deadline)
        for status in ["on_time", "late", "missing"] { w.int(status, children.filter { $0.status == status }.count) }
        w.int("approved", children.filter { $0.review == .approved }.count)
        w.array("children", children.map { c in
            var k = JSONObjectWriter()
            k.string("region", c.code)
            k.string("name", c.name)
            k.string("status", c.status)
            k.string("received_at", c.at)
            k.string("review", c.review.rawValue)
            return k.finish()
        })
        return line(w)
    }

    /// v1.1 `catalog`: every indicator with its unit, kind, whole, direction and frequency.
    public static func catalog(id: String?, _ catalog: Catalog) -> [UInt8] {
        var w = header("catalog", id)
        w.array("indicators", catalog.indicators.keys.sorted().map { indicator(catalog[$0]!, partOf: catalog.whole(of: $0)) })
        return line(w)
    }

    public static func indicator(_ i: Indicator, partOf: String?) -> [UInt8] {
        var k = JSONObjectWriter()
        k.string("code", i.code)
        k.string("name", i.name)
        k.string("unit", i.unit)
        k.string("kind", i.kind.rawValue)
        k.string("part_of", partOf)
        k.string("better", i.better.rawValue)
        k.string("frequency", i.frequency.rawValue)
        k.strings("aliases", i.aliases)
        return k.finish()
    }

    /// v1.1 `regions`: the regions in the order given (parents before their children).
    public static func regions(id: String?, _ list: [Region]) -> [UInt8] {
        var w = header("regions", id)
        w.array("regions", list.map(region))
        return line(w)
    }

    public static func region(_ r: Region) -> [UInt8] {
        var k = JSONObjectWriter()
        k.string("code", r.code)
        k.string("name", r.name)
        k.string("parent", r.parent)
        k.string("level", r.level.rawValue)
        k.bool("in_sum", r.inSum)
        return k.finish()
    }

    /// The answer to `add_indicator` and `add_region`: what is now in the reference data.
    public static func added(id: String?, indicator: Indicator, partOf: String?) -> [UInt8] {
        var w = header("indicator_added", id)
        w.raw("indicator", self.indicator(indicator, partOf: partOf))
        return line(w)
    }

    public static func added(id: String?, region r: Region) -> [UInt8] {
        var w = header("region_added", id)
        w.raw("region", region(r))
        return line(w)
    }

    /// The last line to a subscriber of a daemon that is stopping: reconnect (with `since`) elsewhere
    /// or later.
    public static func closing() -> [UInt8] { line(header("closing", nil)) }

    public static func subscribed(id: String?, seq: Int64) -> [UInt8] {
        var w = header("subscribed", id)
        w.int64("seq", seq)
        return line(w)
    }

    /// A broadcast event: the aggregate object with its seq and its children's ranking.
    public static func event(_ e: AggregateEvent) -> [UInt8] {
        var w = JSONObjectWriter()
        w.string("type", "aggregate")
        w.int64("seq", e.seq)
        w.members(aggregate(e.view))
        w.array("ranking", e.ranking.map { r in
            var k = JSONObjectWriter()
            k.string("region", r.region)
            k.decimal("value", r.value)
            k.int("rank", r.rank)
            k.decimal("yoy", r.yoy)
            k.int("yoy_rank", r.yoyRank)
            return k.finish()
        })
        return line(w)
    }

    public static func conflicts(id: String?, _ list: [ConflictView]) -> [UInt8] {
        var w = header("conflicts", id)
        w.array("conflicts", list.map(conflict))
        return line(w)
    }

    /// The answer to `resolve`: the conflict as now stored, and the figure readers now see.
    public static func resolved(id: String?, _ c: ConflictView, value: ExactDecimal?, status: String) -> [UInt8] {
        var w = header("resolved", id)
        w.raw("conflict", conflict(c))
        w.decimal("value", value)
        w.string("status", status)
        return line(w)
    }

    static func conflict(_ c: ConflictView) -> [UInt8] {
        var w = JSONObjectWriter()
        w.string("id", String(c.id))
        w.string("region", c.region)
        w.string("period", c.period.description)
        w.string("indicator", c.indicator)
        w.string("kind", c.kind)
        w.decimal("own", c.own)
        w.decimal("sum", c.sum)
        w.array("children", c.children.map { child in
            var k = JSONObjectWriter()
            k.string("region", child.region)
            k.decimal("value", child.value)
            k.decimal("yoy", child.yoy)
            return k.finish()
        })
        w.string("state", c.state)
        w.string("action", c.action)
        w.string("note", c.note)
        w.string("resolved_by", c.resolvedBy)
        w.string("resolved_at", c.resolvedAt)
        w.string("opened_at", c.openedAt)
        w.string("closed_at", c.closedAt)
        return w.finish()
    }

    static func issue(_ i: Issue) -> [UInt8] {
        var w = JSONObjectWriter()
        w.string("path", i.path)
        w.string("code", i.code)
        for d in i.details { w.decimal(d.key, d.value) }
        w.string("message", i.message)
        return w.finish()
    }

    static func header(_ type: String, _ id: String?) -> JSONObjectWriter {
        var w = JSONObjectWriter()
        w.string("type", type)
        w.string("id", id)
        return w
    }

    static func line(_ w: JSONObjectWriter) -> [UInt8] { w.finish() + [0x0A] }
}
