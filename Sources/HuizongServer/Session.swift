import Dispatch
import HuizongCore
import HuizongProtocol
import HuizongStore
import NIOCore

/// One client connection's state: who it is, and the last write it sent, so that a later read on
/// the same connection sees it (pipelined requests take effect in order).
struct Session {
    let services: Services
    let maxLineBytes: Int
    let outbox: Outbox
    let entry: Connections.Entry
    private(set) var office: Office? {
        didSet { entry.office.withLockedValue { $0 = office?.code } }
    }
    private var lastWrite: PendingReply?
    /// Regions this connection already receives events for (subscribing again adds to them).
    private var subscribed: Set<String> = []

    /// `office`: already authenticated (the console's sign-in), as if it had sent hello.
    init(services: Services, maxLineBytes: Int, outbox: Outbox, entry: Connections.Entry, office: Office? = nil) {
        self.outbox = outbox
        self.services = services
        self.maxLineBytes = maxLineBytes
        self.entry = entry
        self.office = office
        entry.office.withLockedValue { $0 = office?.code }
    }

    /// The reply to one frame, or nil for a blank line.
    mutating func handle(_ frame: Frame) async -> Outbox.Slot? {
        switch frame {
        case .tooLong:
            return .ready(Reply.error(id: nil, code: .lineTooLong,
                                      message: "line longer than \(maxLineBytes) bytes; it was discarded"))
        case .line(let buffer):
            // Blank lines are keep-alives (and what a trailing newline leaves behind): no reply.
            if buffer.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
            switch buffer.withUnsafeReadableBytes({ RequestDecoder.decode($0, authenticated: office != nil) }) {
            case .failure(let error): return .ready(Reply.error(error))
            case .success(let envelope): return await handle(envelope)
            }
        }
    }

    private mutating func handle(_ envelope: Envelope) async -> Outbox.Slot? {
        let id = envelope.id
        switch envelope.request {
        case .ping:
            return .ready(Reply.pong(id: id))
        case .hello(let code, let token):
            return .ready(await hello(id: id, code: code, token: token))
        default:
            break
        }
        guard let office else {
            return .ready(Reply.error(id: id, code: .unauthenticated, message: "send hello with your office code and token first"))
        }
        switch envelope.request {
        case .submit(let submission, let dryRun):
            return await submit(id: id, office: office, submission, dryRun: dryRun)
        case .query(let query):
            return .ready(await self.query(id: id, office: office, query))
        case .conflicts(let region, let period):
            return .ready(await conflicts(id: id, office: office, region: region, period: period))
        case .resolve(let resolution):
            return await resolve(id: id, office: office, resolution)
        case .subscribe(let region, let since, let indicator):
            return await subscribe(id: id, office: office, region: region, since: since, indicator: indicator)
        case .completeness(let region, let period, let indicator):
            return .ready(await completeness(id: id, office: office, region: region, period: period, indicator: indicator))
        case .target(let t):
            return await target(id: id, office: office, t)
        case .lock(let region, let period, let locked):
            return await lock(id: id, office: office, region: region, period: period, locked: locked)
        case .catalog:
            return .ready(Reply.catalog(id: id, services.catalog))
        case .regions(let region):
            return .ready(regions(id: id, office: office, region: region))
        case .addIndicator(let new):
            return .ready(await addIndicator(id: id, office: office, new))
        case .addAlias(let indicator, let alias):
            return .ready(await addAlias(id: id, office: office, indicator: indicator, alias: alias))
        case .addRegion(let new):
            return .ready(await addRegion(id: id, office: office, new))
        case .review(let region, let period, let action, let note):
            return await review(id: id, office: office, region: region, period: period, action: action, note: note)
        case .reviews(let region, let period):
            return .ready(await reviews(id: id, office: office, region: region, period: period))
        case .bounds(let key, let min, let max):
            return await bounds(id: id, office: office, key, min: min, max: max)
        case .outliers(let region, let period):
            return .ready(await outliers(id: id, office: office, region: region, period: period))
        case .addGroup(let group):
            return .ready(await addGroup(id: id, office: office, group))
        case .groups:
            return .ready(Reply.groups(id: id, services.reference.current.groups.list))
        case .ping, .hello:
            preconditionFailure("handled above")
        }
    }

    /// A hello replaces the connection's identity: a failed one leaves it with none.
    private mutating func hello(id: String?, code: String, token: String) async -> [UInt8] {
        office = nil
        do {
            let found = try await services.readers.authenticate(code: code, token: token)
            guard let found else {
                return Reply.error(id: id, code: .unauthenticated, message: "unknown office or wrong token")
            }
            office = found
            return Reply.welcome(id: id, office: found, server: services.serverName)
        } catch {
            return Self.unavailable(id, "database unavailable", error)
        }
    }

    private mutating func submit(id: String?, office: Office, _ s: Submission, dryRun: Bool) async -> Outbox.Slot? {
        let started = DispatchTime.now().uptimeNanoseconds
        if let refusal = admissible(office: office, region: s.region, access: .submit) {
            ServerMetrics.submission(refusal.0.rawValue)
            return .ready(Reply.error(id: id, code: refusal.0, message: refusal.1, issues: [Issue(path: "region", code: refusal.0.rawValue, message: refusal.1)]))
        }
        if s.period > services.currentPeriod {
            ServerMetrics.submission(ErrorCode.futurePeriod.rawValue)
            return .ready(Reply.error(id: id, code: .futurePeriod, message: "\(s.period) has not begun yet (China Standard Time)",
                                      issues: [Issue(path: "period", code: ErrorCode.futurePeriod.rawValue, message: "after the current month")]))
        }
        let validator = services.validator  // one snapshot of the catalog for both
        let verdict = validator.validate(s)
        if let code = verdict.code {
            ServerMetrics.submission(code.rawValue)
            return .ready(Reply.error(id: id, code: code, message: verdict.summary, issues: verdict.errors))
        }
        let s = validator.normalized(s)
        // A permit for the writer's queue: when the daemon has as much queued as it may, this waits,
        // and the connection's socket is not read meanwhile.
        await services.admission.acquire()
        // The ack's place comes first: anything the commit broadcasts goes after it.
        let reply = PendingReply()
        await outbox.push(.pending(reply))
        lastWrite = reply
        let ticket = AckTicket(reply: reply, outbox: outbox, id: id, key: s.key, started: started, admission: services.admission)
        let item = BatchItem(office: office.code, submission: s, hash: s.contentHash, warnings: verdict.warnings, dryRun: dryRun)
        if !services.writer.submit(item, ticket: ticket) {
            AckTicket.deliver([(ticket, .rejected(.unavailable, "the daemon is stopping; nothing was stored, retry with the same key", []))])
        }
        return nil
    }

    private func query(id: String?, office: Office, _ q: Query) async -> [UInt8] {
        if let code = q.group { return await groupQuery(id: id, office: office, code, q) }
        if let refusal = refusal(id, office, q.region, .read) { return refusal }
        if let refusal = unknownIndicator(id, q.indicator) { return refusal }
        await awaitOwnWrites()
        let children = q.children ? (services.regions.children[q.region] ?? []) : []
        let regions = [q.region] + children.filter { office.mayRead($0, in: services.regions) }
        await services.writer.settle(regions)
        let snapshot = services.reference.current
        return await fromDatabase(id) { readers in
            Reply.result(id: id, figures: try await readers.aggregates(regions: regions, period: q.period, indicator: q.indicator, in: snapshot))
        }
    }

    /// A peer group's members' figures (PROTOCOL.md v1.2): for an office whose region holds every
    /// member, or an admin.
    private func groupQuery(id: String?, office: Office, _ code: String, _ q: Query) async -> [UInt8] {
        let snapshot = services.reference.current
        guard let group = snapshot.groups[code] else {
            return Reply.error(id: id, code: .unknownGroup, message: "unknown group \(code); the groups request lists them",
                               issues: [Issue(path: "group", code: ErrorCode.unknownGroup.rawValue, message: "not a defined group")])
        }
        guard group.members.allSatisfy({ office.mayRead($0, in: snapshot.tree) }) else {
            return Reply.error(id: id, code: .forbidden, message: "office \(office.code) may not read every member of group \(code)")
        }
        if let refusal = unknownIndicator(id, q.indicator) { return refusal }
        await awaitOwnWrites()
        await services.writer.settle(group.members)
        return await fromDatabase(id) { readers in
            Reply.result(id: id, figures: try await readers.aggregates(regions: group.members, period: q.period, indicator: q.indicator,
                                                                       in: snapshot))
        }
    }

    /// An administrator defines a peer group: members all known and of one level; an existing code
    /// is replaced. Known to this daemon at once, to the others at their next poll.
    private func addGroup(id: String?, office: Office, _ group: PeerGroup) async -> [UInt8] {
        guard office.role == .admin else { return Reply.error(id: id, code: .forbidden, message: "only an admin office may add groups") }
        let tree = services.regions
        if let unknown = group.members.first(where: { tree[$0] == nil }) {
            return Reply.error(id: id, code: .unknownRegion, message: "unknown region code \(unknown) in members",
                               issues: [Issue(path: "members", code: ErrorCode.unknownRegion.rawValue, message: "\(unknown) is not in the region tree")])
        }
        guard Set(group.members.compactMap { tree[$0]?.level }).count == 1 else {
            return Reply.error(id: id, code: .badRequest, message: "a group's members are all of one level (all counties, or all cities)",
                               issues: [Issue(path: "members", code: "mixed_levels", message: "members of more than one level")])
        }
        return await extendReference(id, what: "group \(group.code)", .group(group)) ?? Reply.group(id: id, group)
    }

    /// For each child of the region: reported on time, late, or not yet, against the deadline (by
    /// `indicator`: by the first submission that listed it).
    private func completeness(id: String?, office: Office, region: String, period: Period, indicator: String?) async -> [UInt8] {
        if let refusal = refusal(id, office, region, .read) { return refusal }
        if let indicator, services.catalog[indicator] == nil {
            return Reply.error(id: id, code: .unknownIndicator, message: "unknown indicator \(indicator)",
                               issues: [Issue(path: "indicator", code: ErrorCode.unknownIndicator.rawValue, message: "not in the catalog")])
        }
        await awaitOwnWrites()
        await services.writer.settle([region])
        let tree = services.regions
        let children = tree.summed(region)  // a unit outside the sum is not expected
        let deadline = services.deadline.timestamp(for: period)
        return await fromDatabase(id) { readers in
            let first = try await readers.firstReceived(regions: children, period: period, deadline: deadline, indicator: indicator)
            let reviews = try await readers.reviewStates(children.map { RegionPeriod(region: $0, period: period) }, tree: tree)
            let rows = children.map { code in
                (code, tree[code]?.name ?? code, first[code].map { $0.onTime ? "on_time" : "late" } ?? "missing", first[code]?.at,
                 reviews[RegionPeriod(region: code, period: period)]?.0.state ?? .none)
            }
            return Reply.completeness(id: id, region: region, period: period, deadline: deadline, indicator: indicator, children: rows)
        }
    }

    /// The region (the office's own when none is named) and every region under it the office may read.
    private func regions(id: String?, office: Office, region: String?) -> [UInt8] {
        let tree = services.regions
        let roots: [String]
        if let root = region ?? office.region {
            guard tree[root] != nil else { return Reply.error(id: id, code: .unknownRegion, message: "unknown region code \(root)") }
            roots = [root]
        } else {  // an administrator without a region: every province and everything under it
            roots = tree.regions.values.filter { $0.parent == nil }.map(\.code).sorted()
        }
        let readable = roots.flatMap { tree.subtree(of: $0) }.filter { office.mayRead($0, in: tree) }
        guard !readable.isEmpty else {
            return Reply.error(id: id, code: .forbidden, message: "office \(office.code) may not read \(roots.first ?? "") or anything under it")
        }
        return Reply.regions(id: id, readable.compactMap { tree[$0] })
    }

    /// An administrator adds an indicator: stored, then known to this daemon at once and to every
    /// other daemon on the database at its next poll (within seconds).
    private func addIndicator(id: String?, office: Office, _ new: NewIndicator) async -> [UInt8] {
        let catalog = services.catalog
        if let refusal = extensionRefusal(id, office, kind: "indicator", code: new.indicator.code, exists: catalog[new.indicator.code] != nil) { return refusal }
        if let whole = new.partOf {
            guard let w = catalog[whole] else {
                return Reply.error(id: id, code: .unknownIndicator, message: "part_of names unknown indicator \(whole)",
                                   issues: [Issue(path: "part_of", code: ErrorCode.unknownIndicator.rawValue, message: "not in the catalog")])
            }
            guard w.kind == new.indicator.kind, w.unit == new.indicator.unit else {
                return Reply.error(id: id, code: .badRequest, message: "a part has the kind and unit of its whole (\(w.kind.rawValue), \(w.unit))",
                                   issues: [Issue(path: "part_of", code: "mismatch", message: "kind or unit differs from the whole's")])
            }
        }
        return await extendReference(id, what: "indicator \(new.indicator.code)", .indicator(new.indicator, partOf: new.partOf))
            ?? Reply.added(id: id, indicator: new.indicator, partOf: new.partOf)
    }

    /// An administrator gives an indicator another name (the bureau's own tables' 规上工业产值): one no
    /// other indicator bears as its name or an alias, so that a name always means one indicator.
    private func addAlias(id: String?, office: Office, indicator code: String, alias: String) async -> [UInt8] {
        guard office.role == .admin else { return Reply.error(id: id, code: .forbidden, message: "only an admin office may add aliases") }
        let catalog = services.catalog
        guard let indicator = catalog[code] else {
            return Reply.error(id: id, code: .unknownIndicator, message: "unknown indicator \(code)",
                               issues: [Issue(path: "indicator", code: ErrorCode.unknownIndicator.rawValue, message: "not in the catalog")])
        }
        let key = Indicator.nameKey(alias)
        func names(_ i: Indicator) -> Bool { Indicator.nameKey(i.name) == key || i.aliases.contains { Indicator.nameKey($0) == key } || i.code == alias }
        if let other = catalog.indicators.values.first(where: { $0.code != code && names($0) }) {
            return Reply.error(id: id, code: .badRequest, message: "\(alias) already names indicator \(other.code) (\(other.name))",
                               issues: [Issue(path: "alias", code: "exists", message: "names another indicator")])
        }
        if names(indicator) {
            return Reply.added(id: id, indicator: indicator, partOf: catalog.whole(of: code))
        }
        return await extendReference(id, what: "alias \(alias)", .alias(indicator: code, alias: alias))
            ?? Reply.added(id: id, indicator: services.catalog[code] ?? indicator, partOf: catalog.whole(of: code))
    }

    /// An administrator adds a region (a functional zone, a new district) under an existing parent.
    private func addRegion(id: String?, office: Office, _ new: NewRegion) async -> [UInt8] {
        let tree = services.regions
        if let refusal = extensionRefusal(id, office, kind: "region", code: new.code, exists: tree[new.code] != nil) { return refusal }
        guard let parent = tree[new.parent] else {
            return Reply.error(id: id, code: .unknownRegion, message: "unknown parent region \(new.parent)",
                               issues: [Issue(path: "parent", code: ErrorCode.unknownRegion.rawValue, message: "not in the region tree")])
        }
        let level = new.level ?? (parent.level == .province ? .city : .county)
        let region = Region(code: new.code, name: new.name, parent: parent.code, level: level, inSum: new.inSum)
        return await extendReference(id, what: "region \(new.code)", .region(region))
            ?? Reply.added(id: id, region: region)
    }

    /// Only an admin office extends the reference data, and only with a code it does not hold yet.
    private func extensionRefusal(_ id: String?, _ office: Office, kind: String, code: String, exists: Bool) -> [UInt8]? {
        guard office.role == .admin else {
            return Reply.error(id: id, code: .forbidden, message: "only an admin office may add \(kind)s")
        }
        return exists ? Self.exists(id, "\(kind) \(code)") : nil
    }

    private static func exists(_ id: String?, _ what: String) -> [UInt8] {
        Reply.error(id: id, code: .badRequest, message: "\(what) exists already",
                    issues: [Issue(path: "code", code: "exists", message: "already in the reference data")])
    }

    /// Writes an extension of the reference data and reloads it on this daemon; the error reply if it
    /// failed (another daemon may have added the same code meanwhile).
    private func extendReference(_ id: String?, what: String, _ addition: ReferenceAddition) async -> [UInt8]? {
        do {
            try await services.readers.extend(services.reference, with: addition)
            return nil
        } catch StoreError.exists {
            return Self.exists(id, what)
        } catch {
            return Self.unavailable(id, "\(what) was not added", error)
        }
    }

    /// A city (or higher) office sets an annual target for its region or one under it.
    private mutating func target(id: String?, office: Office, _ t: TargetRequest) async -> Outbox.Slot? {
        if let refusal = refusal(id, office, t.region, .govern) { return .ready(refusal) }
        if let refusal = unknownIndicator(id, t.indicator) ?? unknownIndicator(id, t.targets.shareOf) { return .ready(refusal) }
        await awaitOwnWrites()
        return await answered(id, { await $0.writer.setTargets(t.targets, region: t.region, year: t.year, indicator: t.indicator, office: office.code) },
                              failure: "the target was not stored", success: { _ in Reply.targetSet(id: id, t) })
    }

    /// A city (or higher) office locks or unlocks a period of its region or one under it.
    private mutating func lock(id: String?, office: Office, region: String, period: Period, locked: Bool) async -> Outbox.Slot? {
        if let refusal = refusal(id, office, region, .govern) { return .ready(refusal) }
        await awaitOwnWrites()
        return await answered(id, { await $0.writer.setLock(region: region, period: period, locked: locked, office: office.code) },
                              failure: "the lock was not changed",
                              success: { Reply.locked(id: id, region: region, period: period, locked: locked, changed: $0) })
    }

    /// An office above a region approves its month or returns it (PROTOCOL.md v1.2).
    private mutating func review(id: String?, office: Office, region: String, period: Period, action: ReviewAction,
                                 note: String?) async -> Outbox.Slot? {
        if let refusal = refusal(id, office, region, .review) { return .ready(refusal) }
        guard services.regions[region]?.parent != nil else {
            return .ready(Reply.error(id: id, code: .badRequest, message: "\(region) has no region above it: nothing reviews its months",
                                      issues: [Issue(path: "region", code: "not_reviewed", message: "a region without a parent is not reviewed")]))
        }
        await awaitOwnWrites()
        return await answered(id, { await $0.writer.review(region: region, period: period, action: action, note: note, office: office.code) },
                              failure: "the review was not recorded", success: { answer in
            switch answer {
            case .nothingToReview:
                Reply.error(id: id, code: .nothingToReview, message: "\(region) \(period) 尚无已接收的报送，无可审核",
                            issues: [Issue(path: "period", code: ErrorCode.nothingToReview.rawValue, message: "尚无已接收的报送")])
            case .reviewed(let status, let changed):
                Reply.reviewed(id: id, region: region, period: period, status, changed: changed)
            }
        })
    }

    /// An office above a region sets bounds on a field of one of its indicators (PROTOCOL.md v1.2).
    private mutating func bounds(id: String?, office: Office, _ key: BoundKey, min: ExactDecimal??, max: ExactDecimal??) async -> Outbox.Slot? {
        if let refusal = refusal(id, office, key.region, .review) { return .ready(refusal) }
        if let refusal = unknownIndicator(id, key.indicator) { return .ready(refusal) }
        await awaitOwnWrites()
        return await answered(id, { await $0.writer.setBound(key, min: min, max: max, office: office.code) },
                              failure: "the bounds were not stored", success: { Reply.boundsSet(id: id, key, $0) })
    }

    /// The flagged figures of the region and everything under it in a period.
    private func outliers(id: String?, office: Office, region: String, period: Period) async -> [UInt8] {
        if let refusal = refusal(id, office, region, .read) { return refusal }
        await awaitOwnWrites()
        let regions = services.regions.subtree(of: region)
        return await fromDatabase(id) { Reply.outliers(id: id, try await $0.flagged(regions: regions, period: period)) }
    }

    /// Every review action on the region and everything under it in a period, oldest first.
    private func reviews(id: String?, office: Office, region: String, period: Period) async -> [UInt8] {
        if let refusal = refusal(id, office, region, .read) { return refusal }
        await awaitOwnWrites()
        let regions = services.regions.subtree(of: region)
        return await fromDatabase(id) { readers in
            Reply.reviews(id: id, period: period, try await readers.reviews(regions: regions, period: period))
        }
    }

    /// Events for the region and everything under it within the office's authority, after `since`
    /// if given. A replay is read here, off the broadcaster's thread, filtered to the regions in SQL
    /// and pushed as the outbox drains; the broadcaster then sends the few events committed since
    /// and goes live. Without `since` the subscription starts at the broadcaster's position.
    private mutating func subscribe(id: String?, office: Office, region: String, since: Int64?, indicator: String?) async -> Outbox.Slot? {
        if let refusal = refusal(id, office, region, .read) { return .ready(refusal) }
        if let refusal = unknownIndicator(id, indicator) { return .ready(refusal) }
        let scope = Set(services.regions.subtree(of: region))
        let hub = services.hub
        guard let since else {
            // A subscription promises events: with the database out of reach there are none to
            // promise. The change feed may not have noticed yet; a read says so at once.
            do { _ = try await services.readers.latestSeq() } catch { return .ready(Self.unavailable(id, "cannot subscribe now", error)) }
            // `subscribed` is queued first and completed with where the broadcaster takes over.
            let reply = PendingReply()
            await outbox.push(.pending(reply))
            switch await hub.join(outbox: outbox, scope: scope, indicator: indicator, after: nil) {
            case .success(let position):
                subscribed.formUnion(scope)
                reply.fulfill { Reply.subscribed(id: id, seq: position) }
            case .failure(let e):
                reply.fulfill { Self.unavailable(id, "cannot subscribe now", e) }
            }
            outbox.fulfilled()
            return nil
        }
        let bounds: (horizon: Int64, latest: Int64)
        do {
            bounds = try await services.readers.logBounds()
        } catch {
            return .ready(Self.unavailable(id, "cannot subscribe now", error))
        }
        if since < bounds.horizon {
            return .ready(Reply.error(id: id, code: .sinceExpired, message:
                "the change log no longer reaches back to seq \(since) (kept from \(bounds.horizon)); query the figures and subscribe without since",
                issues: [Issue(path: "since", code: ErrorCode.sinceExpired.rawValue, message: "older than the retained change log")]))
        }
        if since > bounds.latest {
            return .ready(Reply.error(id: id, code: .badRequest, message: "since \(since) is ahead of the change log (latest seq \(bounds.latest))",
                                      issues: [Issue(path: "since", code: "ahead", message: "ahead of the change log")]))
        }
        await outbox.push(.ready(Reply.subscribed(id: id, seq: max(hub.position, since))))
        outbox.resumes(after: since)
        let replay = Array(scope.subtracting(subscribed))
        var cursor = since
        for _ in 0..<20 {  // each round closes the gap; the broadcaster only ever has a little left
            while !replay.isEmpty, !outbox.isClosed, hub.position - cursor > Int64(BroadcastHub.handoverLimit / 2) {
                do {
                    cursor = try await self.replay(regions: replay, indicator: indicator, after: cursor, through: hub.position)
                } catch {
                    await outbox.push(.ready(Self.unavailable(id, "the replay was interrupted at seq \(cursor); subscribe again with since", error)))
                    return nil
                }
            }
            switch await hub.join(outbox: outbox, scope: scope, indicator: indicator, after: cursor) {
            case .success:
                subscribed.formUnion(scope)
                return nil
            case .failure(.behind):
                continue
            case .failure(let e):
                await outbox.push(.ready(Self.unavailable(id, "the subscription was interrupted at seq \(cursor); subscribe again with since", e)))
                return nil
            }
        }
        await outbox.push(.ready(Self.unavailable(id, "the change log grows faster than it can be replayed; subscribe again with since \(cursor)",
                                                  BroadcastHub.JoinError.behind)))
        return nil
    }

    /// One chunk of a replay: the events of `regions` after `after` (at most `through`), pushed to
    /// the outbox (waiting for room); returns how far the replay got.
    private func replay(regions: [String], indicator: String?, after: Int64, through: Int64) async throws -> Int64 {
        let (events, reached) = try await services.readers.events(after: after, through: through, rows: 500, regions: regions,
                                                                  indicator: indicator, in: services.reference.current)
        if let last = events.last { await outbox.push(.replay(events.reduce(into: []) { $0 += Reply.event($1) }, through: last.seq)) }
        return reached ?? through
    }

    /// Conflicts of the region and every region under it.
    private func conflicts(id: String?, office: Office, region: String, period: Period?) async -> [UInt8] {
        if let refusal = refusal(id, office, region, .read) { return refusal }
        await awaitOwnWrites()
        await services.writer.settle([region])
        let regions = services.regions.subtree(of: region).filter { services.regions.children[$0] != nil }
        return await fromDatabase(id) { Reply.conflicts(id: id, try await $0.conflicts(regions: regions, period: period)) }
    }

    /// A city (or higher) office decides which side of a conflict in its region holds.
    private mutating func resolve(id: String?, office: Office, _ r: Resolution) async -> Outbox.Slot? {
        guard office.role != .county else {  // before the lookup: a county learns nothing about conflicts
            return .ready(Reply.error(id: id, code: .forbidden, message: "only a city, province or admin office may resolve conflicts"))
        }
        await awaitOwnWrites()
        let found: ConflictView?
        do {
            found = try await services.readers.conflict(id: r.conflict)
        } catch {
            return .ready(Self.unavailable(id, "database unavailable", error))
        }
        guard let conflict = found else {
            return .ready(Reply.error(id: id, code: .unknownConflict, message: "no conflict \(r.conflict)"))
        }
        guard office.mayGovern(conflict.region, in: services.regions) else {
            return .ready(Reply.error(id: id, code: .forbidden, message: "conflict \(r.conflict) is outside the region of office \(office.code)"))
        }
        guard conflict.state != "closed" else {
            return .ready(Reply.error(id: id, code: .conflictClosed, message: "conflict \(r.conflict) is closed: its sides agree now, nothing to resolve"))
        }
        return await answered(id, { await $0.writer.resolve(conflict, action: r.action, note: r.note, office: office.code) },
                              failure: "the resolution was not stored", success: { outcome in
            switch outcome {
            case .resolved(let view, let value, let status): return Reply.resolved(id: id, view, value: value, status: status)
            case .closed:
                return Reply.error(id: id, code: .conflictClosed, message: "conflict \(r.conflict) is closed: its sides agree now, nothing to resolve")
            }
        })
    }

    // MARK: Helpers

    /// Pipelined requests take effect in order: a read waits for this connection's earlier writes.
    private func awaitOwnWrites() async {
        await lastWrite?.wait()
    }

    /// The reply a read builds on a reader thread, or `unavailable`.
    private func fromDatabase(_ id: String?, _ body: (ReaderPool) async throws -> [UInt8]) async -> [UInt8] {
        do {
            return try await body(services.readers)
        } catch {
            return Self.unavailable(id, "database unavailable", error)
        }
    }

    /// A write other than a submission (a lock, a target, a resolution): its reply's place is taken
    /// first, so that what the write broadcasts follows its answer, as a submission's events follow
    /// its ack; the next request waits for it.
    private mutating func answered<T: Sendable>(_ id: String?, _ write: (Services) async -> Result<T, StoreError>, failure: String,
                                                success: @escaping @Sendable (T) -> [UInt8]) async -> Outbox.Slot? {
        let reply = PendingReply()
        await outbox.push(.pending(reply))
        lastWrite = reply
        let result = await write(services)
        reply.fulfill { Self.reply(id, result, failure: failure, success: success) }
        outbox.fulfilled()
        return nil
    }

    /// A writer job's reply: `success` on its result, `unavailable` (retryable) if it failed.
    private static func reply<T>(_ id: String?, _ result: Result<T, StoreError>, failure: String, success: (T) -> [UInt8]) -> [UInt8] {
        switch result {
        case .success(let value): return success(value)
        case .failure(let error): return unavailable(id, failure, error)
        }
    }

    private static func unavailable(_ id: String?, _ what: String, _ error: Error) -> [UInt8] {
        Reply.error(id: id, code: .unavailable, message: "\(what); try again: \(error)")
    }

    enum Access { case read, submit, govern, review }

    /// The error reply when `office` may not act on `region` this way, else nil.
    /// `unknown_indicator` for a code the catalog does not hold (nil: none named).
    private func unknownIndicator(_ id: String?, _ code: String?) -> [UInt8]? {
        guard let code, services.catalog[code] == nil else { return nil }
        return Reply.error(id: id, code: .unknownIndicator, message: "unknown indicator \(code); the catalog request lists them",
                           issues: [Issue(path: "indicator", code: ErrorCode.unknownIndicator.rawValue, message: "not in the catalog")])
    }

    private func refusal(_ id: String?, _ office: Office, _ region: String, _ access: Access) -> [UInt8]? {
        admissible(office: office, region: region, access: access).map { Reply.error(id: id, code: $0.0, message: $0.1) }
    }

    /// Unknown regions first (the code is public knowledge), then authority.
    private func admissible(office: Office, region: String, access: Access) -> (ErrorCode, String)? {
        guard services.regions[region] != nil else {
            return (.unknownRegion, "unknown region code \(region)")
        }
        let (allowed, verb): (Bool, String) = switch access {
        case .read: (office.mayRead(region, in: services.regions), "read")
        case .submit: (office.maySubmit(for: region), "submit for")
        case .govern: (office.mayGovern(region, in: services.regions), "lock, resolve or set targets for")
        case .review: (office.mayReview(region, in: services.regions), "review or set bounds for")
        }
        guard allowed else {
            return (.forbidden, "office \(office.code) (\(office.role.rawValue)) may not \(verb) region \(region)")
        }
        return nil
    }
}

/// What a submission's answer needs once its batch is done: where it goes, and what it answers.
struct AckTicket: Sendable {
    let reply: PendingReply
    let outbox: Outbox
    let id: String?
    let key: String
    let started: UInt64
    let admission: Admission

    /// The answers of one batch: each connection's fulfilled together, then told once.
    static func deliver(_ answers: [(ticket: any Sendable, outcome: SubmitOutcome)]) {
        var outboxes: [ObjectIdentifier: Outbox] = [:]
        for (ticket, outcome) in answers {
            guard let t = ticket as? AckTicket else { continue }
            t.admission.release()
            t.reply.fulfill { t.bytes(outcome) }
            outboxes[ObjectIdentifier(t.outbox)] = t.outbox
        }
        for o in outboxes.values { o.fulfilled() }
    }

    /// The ack or error line, written by the connection's own writer (not the database writer's).
    func bytes(_ outcome: SubmitOutcome) -> [UInt8] {
        switch outcome {
        case .accepted(let revision, let warnings):
            ServerMetrics.submission("accepted", since: started)
            return Reply.ack(id: id, key: key, status: "accepted", revision: revision, warnings: warnings)
        case .duplicate(let revision):
            ServerMetrics.submission("duplicate", since: started)
            return Reply.ack(id: id, key: key, status: "duplicate", revision: revision, warnings: [])
        case .valid(let revision, let warnings):
            ServerMetrics.submission("valid", since: started)
            return Reply.ack(id: id, key: key, status: "valid", revision: revision, warnings: warnings)
        case .rejected(let code, let message, let issues):
            ServerMetrics.submission(code.rawValue, since: started)
            return Reply.error(id: id, code: code, message: message, issues: issues)
        }
    }
}
