/// The rows a batch of submissions writes, decided: nothing about them is left for the database to judge.
public struct SubmissionWrites: Sendable {
    public struct SubmissionRow: Sendable {
        public let id: Int64
        public let office: String
        public let key: String
        public let hash: [UInt8]
        public let region: String
        public let period: Period
        public let revision: Int
        public let receivedAt: Timestamp
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
        /// The figure it replaces had quality flags (their rows go).
        public var hadFlags = false
        /// Its quality flags (PROTOCOL.md v1.2), kept until its next revision.
        public var flags: [QualityFlag] = []
    }

    public var submissions: [SubmissionRow] = []
    public var revisions: [RevisionRow] = []
    public var figures: [FigureRow] = []
    /// The change log: the figures of regions without children that changed, in order (parents are
    /// logged when their aggregates are written).
    public var logged: [FigureKey] = []

    public init() {}
}

/// What a flush writes: every dirty parent's aggregate, the conflict changes since the last flush,
/// and their log entries.
public struct ConsolidationWrites: Sendable {
    public struct AggregateRow: Sendable {
        public let key: FigureKey
        public let aggregate: Aggregate
    }

    /// A conflict to insert: opened since the last flush (and maybe closed again since).
    public struct NewConflict: Sendable {
        public let provisional: Int64
        public let key: FigureKey
        public let kind: ConflictKind
        public let own: ExactDecimal
        public let sum: ExactDecimal
        public let openedAt: Timestamp
        public let closed: (at: Timestamp, children: [ConflictView.Child])?
    }

    public struct MovedConflict: Sendable {
        public let id: Int64
        public let own: ExactDecimal
        public let sum: ExactDecimal
    }

    public struct ClosedConflict: Sendable {
        public let id: Int64
        public let at: Timestamp
        /// The children as they stood while it was disputed (kept if the row recorded some already).
        public let children: [ConflictView.Child]
    }

    public var aggregates: [AggregateRow] = []
    public var opened: [NewConflict] = []
    public var moved: [MovedConflict] = []
    public var closed: [ClosedConflict] = []
    /// The parents written, deepest first.
    public var logged: [FigureKey] = []

    public init() {}
    public var isEmpty: Bool { aggregates.isEmpty && opened.isEmpty && moved.isEmpty && closed.isEmpty }
}

extension ProvinceState {
    /// Takes every dirty parent and pending conflict change for writing; the state counts them
    /// written (a transaction that fails drops the whole state).
    public mutating func flush() -> ConsolidationWrites {
        var w = ConsolidationWrites()
        for key in deepestFirst(dirty) {
            guard let aggregate = parents[key]?.aggregate else { continue }
            w.aggregates.append(.init(key: key, aggregate: aggregate))
            w.logged.append(key)
        }
        for (id, c) in pendingConflicts.sorted(by: { abs($0.key) < abs($1.key) }) {
            if c.isNew {
                provisionalKeys[id] = c.key
                w.opened.append(.init(provisional: id, key: c.key, kind: c.kind, own: c.own, sum: c.sum, openedAt: c.openedAt, closed: c.closed))
            } else if let closed = c.closed {
                w.closed.append(.init(id: id, at: closed.at, children: closed.children))
            } else {
                w.moved.append(.init(id: id, own: c.own, sum: c.sum))
            }
        }
        dirty = []
        dirtySince = nil
        pendingConflicts = [:]
        return w
    }

    /// The ids the database gave the conflicts opened (in place of their provisional ones).
    public mutating func assignConflictIDs(_ ids: [(provisional: Int64, id: Int64)]) {
        for (provisional, id) in ids {
            guard let key = provisionalKeys.removeValue(forKey: provisional),
                  let i = parents[key]?.conflicts.firstIndex(where: { $0.record.id == provisional }) else { continue }
            parents[key]!.conflicts[i].record.id = id
        }
    }

    /// Parents dirty since the flush (none when the state is consolidated).
    public var dirtyCount: Int { dirty.count }
}
