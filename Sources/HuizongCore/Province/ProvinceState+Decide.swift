/// Deciding a batch of submissions against the state, in arrival order, each seeing the ones
/// accepted before it; then consolidating the parents they touch. The accepted ones are applied to
/// the state at once: if the batch then fails to commit, the writer drops the state and reloads it.
extension ProvinceState {
    /// What a batch decided: an outcome per submission (nil: decide it again in the next batch — no
    /// id was left for it) and the rows to write.
    public struct Decisions: Sendable {
        public var outcomes: [SubmitOutcome?]
        public var writes = SubmissionWrites()
    }

    /// Decides `items` (all of this province) in order; accepted ones take ids from `ids`. A resend
    /// of a stored key is `duplicate` (or `key_reused`), a locked period `period_locked` (before any
    /// other verdict: a stale revision would invite a resend that cannot succeed either), an approved
    /// one `period_approved`, an old
    /// revision `stale_revision`, a rule against stored figures `validation_failed`. The parents the
    /// accepted ones touch are consolidated, and every accepted submission whose figures opened a
    /// conflict is told so; a dry run is consolidated on top of the batch, on a copy, and left out.
    public mutating func decide(_ items: [BatchItem], ids: inout ArraySlice<Int64>, at now: Timestamp) -> Decisions {
        let validator = Validator(catalog: catalog)
        var d = Decisions(outcomes: Array(repeating: nil, count: items.count))
        var figureRows: [FigureKey: Int] = [:]   // index into d.writes.figures
        var revisionRows: [RegionPeriod: Int] = [:]
        var touched = Set<FigureKey>()
        var dryRuns: [(index: Int, warnings: [Issue])] = []

        for (i, item) in items.enumerated() {
            let s = item.submission
            let officeKey = OfficeKey(office: item.office, key: s.key)
            if let stored = keys[officeKey] {
                d.outcomes[i] = stored == ContentHash(item.hash) ? .duplicate(revision: s.revision) : Self.keyReused(s)
                continue
            }
            if let lock = lockingRegion(s.region, s.period) {
                d.outcomes[i] = Self.periodLocked(s, lock: lock, tree: tree)
                continue
            }
            if let approver = approvingOffice(s.region, s.period) {
                d.outcomes[i] = Self.periodApproved(s, by: approver, tree: tree)
                continue
            }
            let month = RegionPeriod(region: s.region, period: s.period)
            if let last = revisions[month], last >= s.revision {
                d.outcomes[i] = Self.stale(s, last: last)
                continue
            }
            let verdict = validator.validate(s, against: self)
            guard verdict.isAccepted else {
                d.outcomes[i] = .rejected(.validationFailed, verdict.summary, verdict.errors)
                continue
            }
            let judged = quality(s)
            let warnings = item.warnings + verdict.warnings + judged.warnings
            if item.dryRun {
                dryRuns.append((i, warnings))
                d.outcomes[i] = .valid(revision: s.revision, warnings: warnings)
                continue
            }
            guard let id = ids.popFirst() else { continue }  // more than the ids at hand: next batch
            keys[officeKey] = ContentHash(item.hash)
            revisions[month] = s.revision
            let meta = Int32(submissions.count)
            submissions.append(SubmissionMeta(id: id, office: officeID(item.office), revision: Int32(s.revision), receivedAt: now))
            submissionIndex[id] = meta

            var changed: [SubmissionWrites.Change] = []
            let isParent = tree.children[s.region]?.isEmpty == false
            for (n, figure) in s.figures.enumerated() {
                let key = FigureKey(region: s.region, period: s.period, indicator: figure.indicator)
                let flags = judged.flags[n]
                let ids = (regionIDs[s.region], indicatorIDs[figure.indicator])
                let oldSlot = ids.0.flatMap { r in ids.1.flatMap { figures.slot(r, $0, s.period) } }
                let old = oldSlot.map { figures.figure($0, indicator: figure.indicator) }
                if let old { Self.changes(figure.indicator, old: old, new: figure, into: &changed) }
                if let at = figureRows[key] {
                    d.writes.figures[at] = .init(key: key, figure: figure, submission: id, isNew: d.writes.figures[at].isNew,
                                                 hadFlags: d.writes.figures[at].hadFlags, flags: flags)
                } else {
                    figureRows[key] = d.writes.figures.count
                    let hadFlags = oldSlot.map { !figures.quality($0).isEmpty } ?? false
                    d.writes.figures.append(.init(key: key, figure: figure, submission: id, isNew: old == nil, hadFlags: hadFlags, flags: flags))
                }
                if let r = ids.0, let ind = ids.1 {
                    let slot = figures.set(r, ind, s.period, figure, submission: meta)
                    if !flags.isEmpty { figures.setQuality(slot, flags.map(\.code)) }
                }
                if !isParent { d.writes.logged.append(key) }
            }
            d.writes.submissions.append(.init(id: id, office: item.office, key: s.key, hash: item.hash, region: s.region,
                                              period: s.period, revision: s.revision, receivedAt: now, changes: changed))
            if let at = revisionRows[month] {
                d.writes.revisions[at] = .init(region: s.region, period: s.period, revision: s.revision, submission: id)
            } else {
                revisionRows[month] = d.writes.revisions.count
                d.writes.revisions.append(.init(region: s.region, period: s.period, revision: s.revision, submission: id))
            }
            affected(s.region, s.period, s.figures.map(\.indicator), into: &touched)
            d.outcomes[i] = .accepted(revision: s.revision, warnings: warnings)
        }
        // One log entry per changed figure, in the order first changed.
        var seen = Set<FigureKey>()
        d.writes.logged = d.writes.logged.filter { seen.insert($0).inserted }

        let opened = consolidate(touched, at: now)
        if !opened.isEmpty {
            for (i, item) in items.enumerated() {
                guard case .accepted(let revision, let warnings)? = d.outcomes[i], !item.dryRun else { continue }
                d.outcomes[i] = .accepted(revision: revision, warnings: warnings + conflictWarnings(item.submission, opened))
            }
        }
        // Dry runs: on top of everything the batch writes, what would they open?
        for run in dryRuns {
            let s = items[run.index].submission
            var trial = self
            var keys = Set<FigureKey>()
            if let r = regionIDs[s.region] {
                for f in s.figures { if let ind = indicatorIDs[f.indicator] { trial.figures.set(r, ind, s.period, f, submission: -1) } }
            }
            trial.affected(s.region, s.period, s.figures.map(\.indicator), into: &keys)
            let opened = trial.consolidate(keys, at: now)
            d.outcomes[run.index] = .valid(revision: s.revision, warnings: run.warnings + conflictWarnings(s, opened))
        }
        return d
    }

    /// The fields a revision replaced, as written (text keeps 1.5 vs 1.50).
    static func changes(_ indicator: String, old: FigureInput, new: FigureInput, into out: inout [SubmissionWrites.Change]) {
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
        switch (old.yearEstimate, new.yearEstimate) {
        case (nil, nil): break
        case let (a?, b?) where a.isIdentical(to: b): break
        case let (a, b): out.append(.init(indicator: indicator, field: "year_estimate", old: a?.description, new: b?.description))
        }
        if old.estimate != new.estimate {
            out.append(.init(indicator: indicator, field: "estimate", old: String(old.estimate), new: String(new.estimate)))
        }
    }

    /// Tells the submitter when its figures opened a conflict between a parent and its children.
    func conflictWarnings(_ s: Submission, _ opened: [FigureKey: Dispute]) -> [Issue] {
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

    static func periodApproved(_ s: Submission, by office: String, tree: RegionTree) -> SubmitOutcome {
        let name = tree[s.region]?.name ?? s.region
        return .rejected(.periodApproved, "\(name) \(s.period) 已由 \(office) 审核通过，不能再报送；如需更正请联系审核单位退回",
                         [Issue(path: "period", code: ErrorCode.periodApproved.rawValue, message: "已由 \(office) 审核通过")])
    }

    static func periodLocked(_ s: Submission, lock: String, tree: RegionTree) -> SubmitOutcome {
        let name = tree[lock]?.name ?? lock
        return .rejected(.periodLocked, "\(name) \(s.period) 已锁定（\(lock) locked the period）; nothing was stored",
                         [Issue(path: "period", code: ErrorCode.periodLocked.rawValue, message: "\(lock) \(s.period) is locked")])
    }
}
