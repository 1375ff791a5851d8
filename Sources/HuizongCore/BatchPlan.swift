/// Who wrote a key: idempotency is per office.
public struct OfficeKey: Hashable, Sendable {
    public let office: String
    public let key: String
    public init(office: String, key: String) { self.office = office; self.key = key }
}

public struct RegionPeriod: Hashable, Sendable {
    public let region: String
    public let period: Period
    public init(region: String, period: Period) { self.region = region; self.period = period }
}

public struct RegionYear: Hashable, Sendable {
    public let region: String
    public let year: Int
    public init(region: String, year: Int) { self.region = region; self.year = year }
}

/// What became of a submission.
public enum SubmitOutcome: Sendable {
    case accepted(revision: Int, warnings: [Issue])
    case duplicate(revision: Int)
    /// `dry_run`: everything was checked, nothing stored.
    case valid(revision: Int, warnings: [Issue])
    case rejected(ErrorCode, String, [Issue])
}

/// One submission of a batch, as the session handed it over: checked already for everything that
/// needs no stored figure.
public struct BatchItem: Sendable {
    public let office: String
    public let submission: Submission
    public let hash: [UInt8]
    public let warnings: [Issue]
    public let dryRun: Bool

    public init(office: String, submission: Submission, hash: [UInt8], warnings: [Issue], dryRun: Bool) {
        self.office = office
        self.submission = submission
        self.hash = hash
        self.warnings = warnings
        self.dryRun = dryRun
    }
}

/// Everything a batch's decisions depend on, read in one round trip under the batch's locks (so
/// nothing read can change before the commit): keys already used, last revisions, period locks,
/// the stored figures the rules consult, the parents' own figures, running sums and live conflicts,
/// and fresh submission ids.
public struct BatchContext: Sendable {
    public var keys: [OfficeKey: [UInt8]] = [:]
    public var revisions: [RegionPeriod: Int] = [:]
    /// Locked (region, period) pairs among the batch's regions and their ancestors.
    public var locks: Set<RegionPeriod> = []
    /// Every figure of each (region, period) of the batch and what the history rules consult.
    public var stored = FigureSnapshot()
    /// The parents the batch's submissions make to recompute.
    public var parents = ConsolidationInputs()
    /// Ids for the submissions to be stored, in order.
    public var ids: [Int64] = []
    public init() {}
}

/// The rows a batch writes, decided: nothing about them is left for the database to judge.
public struct WriteSet: Sendable {
    public struct SubmissionRow: Sendable {
        public let id: Int64
        public let office: String
        public let key: String
        public let hash: [UInt8]
        public let region: String
        public let period: Period
        public let revision: Int
        /// Every field of a stored figure this submission replaced: its history (who and when are
        /// the submission's).
        public let changes: [Change]
    }

    /// One field of a stored figure that a submission replaced (a figure's first value is no change).
    public struct Change: Sendable, Equatable {
        public let indicator: String
        public let field: String
        public let old: String?
        public let new: String?
    }

    /// The last revision of a (region, period), and the submission that brought it.
    public struct RevisionRow: Sendable {
        public let region: String
        public let period: Period
        public let revision: Int
        public let submission: Int64
    }

    /// A figure as it stands after the batch; `isNew` when nothing was stored for its key before.
    public struct FigureRow: Sendable {
        public let key: FigureKey
        public let figure: FigureInput
        public let submission: Int64
        public let isNew: Bool
    }

    public var submissions: [SubmissionRow] = []
    public var revisions: [RevisionRow] = []
    public var figures: [FigureRow] = []
    /// Every parent recomputed, with its running sums and conflict changes.
    public var consolidated: [ConsolidationResult] = []
    /// The change log: the figures the batch changed, then every parent recomputed, deepest first.
    public var logged: [FigureKey] = []

    public init() {}
    public var isEmpty: Bool { submissions.isEmpty }
}

/// A batch, decided: what to answer each submission (nil: decide it again in the next batch, after
/// an earlier copy of it has committed) and what to write.
public struct BatchPlan: Sendable {
    public var outcomes: [SubmitOutcome?]
    public var writes: WriteSet

    /// Decides every submission in arrival order, each seeing the ones accepted before it: a resend
    /// of a stored key is `duplicate` (or `key_reused`), a locked period `period_locked` (before any
    /// other verdict: a stale revision would invite a resend that cannot succeed either), an old
    /// revision `stale_revision`, a rule against stored figures `validation_failed`. The accepted ones
    /// are consolidated into their parents at once, as differences; a dry run is consolidated on top
    /// of them and kept out of the writes.
    public static func decide(_ items: [BatchItem], context: consuming BatchContext, tree: RegionTree, catalog: Catalog) -> BatchPlan {
        let validator = Validator(catalog: catalog)
        var ids = context.ids[...]
        // Taken, not copied: the snapshot is changed as submissions are applied, and a copy would
        // duplicate every series the batch touches.
        var state = consume context
        var keysInBatch: Set<OfficeKey> = []
        var outcomes: [SubmitOutcome?] = Array(repeating: nil, count: items.count)
        var writes = WriteSet()
        var changes: [ChildChange] = []
        var dryRuns: [(index: Int, changes: [ChildChange], own: [FigureKey: FigureInput], warnings: [Issue])] = []
        var figures: [FigureKey: Int] = [:]   // index into writes.figures
        var revisions: [RegionPeriod: Int] = [:]
        var affected = AffectedKeys()
        let figureCount = items.reduce(0) { $0 + $1.submission.figures.count }
        writes.submissions.reserveCapacity(items.count)
        writes.revisions.reserveCapacity(items.count)
        writes.figures.reserveCapacity(figureCount)
        figures.reserveCapacity(figureCount)

        for (i, item) in items.enumerated() {
            let s = item.submission
            let key = OfficeKey(office: item.office, key: s.key)
            if keysInBatch.contains(key) { continue }  // resent before the first copy committed: next batch
            if let stored = state.keys[key] {
                outcomes[i] = stored == item.hash ? .duplicate(revision: s.revision) : keyReused(s)
                continue
            }
            if let lock = ([s.region] + tree.ancestors(of: s.region)).first(where: {
                state.locks.contains(RegionPeriod(region: $0, period: s.period))
            }) {
                outcomes[i] = periodLocked(s, lock: lock, tree: tree)
                continue
            }
            let period = RegionPeriod(region: s.region, period: s.period)
            if let last = state.revisions[period], last >= s.revision {
                outcomes[i] = stale(s, last: last)
                continue
            }
            let verdict = validator.validate(s, against: state.stored)
            if !verdict.isAccepted {
                outcomes[i] = .rejected(.validationFailed, verdict.summary, verdict.errors)
                continue
            }
            let warnings = item.warnings + verdict.warnings
            let previous = s.figures.map { state.stored[s.region, s.period, $0.indicator] }
            let isParent = tree.children[s.region]?.isEmpty == false
            let childChanges = isParent ? [] : Self.childChanges(s, previous: previous, catalog: catalog)
            var own: [FigureKey: FigureInput] = [:]
            if isParent { for f in s.figures { own[FigureKey(region: s.region, period: s.period, indicator: f.indicator)] = f } }
            if item.dryRun {
                dryRuns.append((i, childChanges, own, warnings))
                outcomes[i] = .valid(revision: s.revision, warnings: warnings)
                continue
            }
            guard let id = ids.popFirst() else { continue }  // more than the ids read: next batch
            keysInBatch.insert(key)
            state.keys[key] = item.hash
            state.revisions[period] = s.revision
            var replaced: [WriteSet.Change] = []
            for (figure, old) in zip(s.figures, previous) {
                guard let old else { continue }
                Self.changes(figure.indicator, old: old, new: figure, into: &replaced)
            }
            writes.submissions.append(.init(id: id, office: item.office, key: s.key, hash: item.hash, region: s.region,
                                            period: s.period, revision: s.revision, changes: replaced))
            revisions[period] = writes.revisions.count
            writes.revisions.append(.init(region: s.region, period: s.period, revision: s.revision, submission: id))
            for (figure, old) in zip(s.figures, previous) {
                // New: nothing stored before the batch. A key written earlier in the batch keeps
                // what its first row found; any other saw the stored figure as `previous`.
                let k = FigureKey(region: s.region, period: s.period, indicator: figure.indicator)
                if let at = figures[k] {
                    writes.figures[at] = WriteSet.FigureRow(key: k, figure: figure, submission: id, isNew: writes.figures[at].isNew)
                } else {
                    figures[k] = writes.figures.count
                    writes.figures.append(WriteSet.FigureRow(key: k, figure: figure, submission: id, isNew: old == nil))
                }
            }
            state.stored.apply(s)
            affected.add(region: s.region, period: s.period, indicators: s.figures.map(\.indicator), tree: tree)
            changes += childChanges
            state.parents.own.merge(own) { $1 }
            outcomes[i] = .accepted(revision: s.revision, warnings: warnings)
        }
        // One revision row per (region, period): the last one.
        writes.revisions = revisions.values.sorted().map { writes.revisions[$0] }

        // The parents, recomputed from their stored sums and the batch's changes, deepest first.
        var inputs = state.parents
        inputs.changes = changes
        writes.consolidated = affected.keys.isEmpty ? [] : Reconciler.consolidate(affected.keys, tree: tree, catalog: catalog, inputs: inputs)
        let opened = Self.opened(writes.consolidated)
        for (i, item) in items.enumerated() {
            guard case .accepted(let revision, let warnings)? = outcomes[i], !item.dryRun else { continue }
            outcomes[i] = .accepted(revision: revision, warnings: warnings + conflictWarnings(item.submission, opened, tree: tree, catalog: catalog))
        }
        var seen = Set<FigureKey>(minimumCapacity: changes.count + writes.consolidated.count)
        writes.logged.reserveCapacity(changes.count + writes.consolidated.count)
        for key in changes.map(\.key) + writes.consolidated.map(\.key) where seen.insert(key).inserted { writes.logged.append(key) }

        // Dry runs: on top of everything the batch writes, what would they open?
        if !dryRuns.isEmpty {
            let after = Self.applied(writes.consolidated, to: inputs)
            for run in dryRuns {
                let s = items[run.index].submission
                var trial = after
                trial.changes = run.changes
                trial.own.merge(run.own) { $1 }
                let keys = Set(Reconciler.affected(region: s.region, period: s.period, indicators: s.figures.map(\.indicator), tree: tree))
                let results = Reconciler.consolidate(keys, tree: tree, catalog: catalog, inputs: trial)
                outcomes[run.index] = .valid(revision: s.revision,
                                             warnings: run.warnings + conflictWarnings(s, Self.opened(results), tree: tree, catalog: catalog))
            }
        }
        return BatchPlan(outcomes: outcomes, writes: writes)
    }

    /// What a county's submission changes in its parent's sums: each listed figure, old and new.
    static func childChanges(_ s: Submission, previous: [FigureInput?], catalog: Catalog) -> [ChildChange] {
        zip(s.figures, previous).compactMap { figure, old in
            guard let kind = catalog[figure.indicator]?.kind else { return nil }
            return ChildChange(key: FigureKey(region: s.region, period: s.period, indicator: figure.indicator),
                               old: old.flatMap { Consolidated(region: s.region, figure: $0, kind: kind) },
                               new: Consolidated(region: s.region, figure: figure, kind: kind))
        }
    }

    /// The fields a revision replaced, as written (text keeps 1.5 vs 1.50).
    static func changes(_ indicator: String, old: FigureInput, new: FigureInput, into out: inout [WriteSet.Change]) {
        for field in FigureInput.numericFields {
            let (a, b) = (field.get(old), field.get(new))
            switch (a, b) {
            case (nil, nil): continue
            case let (a?, b?) where a.isIdentical(to: b): continue  // as written: 1.5 and 1.50 differ
            default: break
            }
            out.append(.init(indicator: indicator, field: field.name, old: a?.description, new: b?.description))
        }
        if old.note != new.note { out.append(.init(indicator: indicator, field: "note", old: old.note, new: new.note)) }
        if old.estimate != new.estimate {
            out.append(.init(indicator: indicator, field: "estimate", old: String(old.estimate), new: String(new.estimate)))
        }
    }

    /// The inputs as they stand once `results` are stored: new sums, consolidated figures and
    /// conflicts (those opened get provisional ids).
    static func applied(_ results: [ConsolidationResult], to inputs: ConsolidationInputs) -> ConsolidationInputs {
        var after = inputs
        after.changes = []
        var provisional: Int64 = -1
        for r in results {
            after.stored[r.key] = StoredAggregate(sums: r.sums, consolidated: r.aggregate.consolidated)
            for change in r.changes {
                switch change {
                case .open(let d):
                    after.conflicts[r.key, default: []].append(ConflictRecord(id: provisional, kind: d.kind, own: d.own, sum: d.sum, resolution: nil))
                    provisional -= 1
                case .update(let id, let d):
                    after.conflicts[r.key] = after.conflicts[r.key]?.map {
                        $0.id == id ? ConflictRecord(id: id, kind: d.kind, own: d.own, sum: d.sum, resolution: $0.resolution) : $0
                    }
                case .close(let id):
                    after.conflicts[r.key]?.removeAll { $0.id == id }
                }
            }
        }
        return after
    }

    /// The conflicts a consolidation opened, by the parent figure they concern.
    public static func opened(_ results: [ConsolidationResult]) -> [FigureKey: Dispute] {
        var opened: [FigureKey: Dispute] = [:]
        for result in results {
            for case .open(let d) in result.changes { opened[result.key] = d }
        }
        return opened
    }

    /// Tells the submitter when its figures opened a conflict between a parent and its children.
    static func conflictWarnings(_ s: Submission, _ opened: [FigureKey: Dispute], tree: RegionTree, catalog: Catalog) -> [Issue] {
        guard !opened.isEmpty else { return [] }
        var issues: [Issue] = []
        for (i, f) in s.figures.enumerated() {
            for key in Reconciler.affected(region: s.region, period: s.period, indicators: [f.indicator], tree: tree) {
                guard let d = opened[key] else { continue }
                let name = tree[key.region]?.name ?? key.region
                let indicator = catalog[f.indicator]?.name ?? f.indicator
                let what = d.kind == .level ? "本级数 \(d.own) 与下级合计 \(d.sum)" : "本级增速 \(d.own)% 与下级汇总增速 \(d.sum)%"
                issues.append(Issue(path: "figures[\(i)]", code: "conflict_opened",
                                    message: "\(name)\(indicator)：\(what) 不符（超出舍入误差），已登记待核"))
            }
        }
        return issues
    }

    static func keyReused(_ s: Submission) -> SubmitOutcome {
        .rejected(.keyReused, "key \"\(s.key)\" was already used for a submission with different content; use a new key",
                  [Issue(path: "key", code: ErrorCode.keyReused.rawValue, message: "already used with different content")])
    }

    static func stale(_ s: Submission, last: Int) -> SubmitOutcome {
        let detail = "revision \(last) is already accepted"
        return .rejected(.staleRevision, "\(s.region) \(s.period): \(detail); a revision must exceed the last accepted one",
                         [Issue(path: "revision", code: ErrorCode.staleRevision.rawValue, message: detail)])
    }

    static func periodLocked(_ s: Submission, lock: String, tree: RegionTree) -> SubmitOutcome {
        let name = tree[lock]?.name ?? lock
        return .rejected(.periodLocked, "\(name) \(s.period) 已锁定（\(lock) locked the period）; nothing was stored",
                         [Issue(path: "period", code: ErrorCode.periodLocked.rawValue, message: "\(lock) \(s.period) is locked")])
    }
}
