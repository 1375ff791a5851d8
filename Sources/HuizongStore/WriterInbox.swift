import HuizongCore
import Synchronization

/// A submission waiting for a writer, with whatever its sender needs to answer it (`ticket`).
public struct PendingSubmission: Sendable {
    public let item: BatchItem
    public let ticket: any Sendable
    var attempts = 0
    /// Decided alone, not in a batch: the batch it was in failed for a reason of one of its own.
    var alone = false

    public init(item: BatchItem, ticket: any Sendable) {
        self.item = item
        self.ticket = ticket
    }
}

/// What a writer is asked to do, in the order it was asked.
public enum WriterJob: Sendable {
    case submit(PendingSubmission)
    /// Write every parent left behind in these provinces (a read on this daemon must see them).
    case settle(Set<String>, done: @Sendable () -> Void)
    /// Recompute and write the parents of the provinces (of this writer) that some transaction left
    /// behind at least `olderThan` ago — a daemon that died before its flush.
    case recover(olderThan: Duration)
    case lock(region: String, period: Period, locked: Bool, office: String, reply: @Sendable (Result<Bool, StoreError>) -> Void)
    case target(region: String, year: Int, indicator: String, TargetSet, office: String, reply: @Sendable (Result<Void, StoreError>) -> Void)
    case bound(BoundKey, min: ExactDecimal??, max: ExactDecimal??, office: String, reply: @Sendable (Result<Bound, StoreError>) -> Void)
    case review(region: String, period: Period, action: ReviewAction, note: String?, office: String,
                reply: @Sendable (Result<ReviewAnswer, StoreError>) -> Void)
    case resolve(conflict: Int64, key: FigureKey, action: ConflictSide, note: String?, office: String,
                 reply: @Sendable (Result<ResolveOutcome, StoreError>) -> Void)
}

/// What became of a review: the month had nothing accepted to review, or its state now (and whether
/// the review changed it).
public enum ReviewAnswer: Sendable {
    case nothingToReview
    case reviewed(ReviewStatus, changed: Bool)
}

/// What became of a resolution: stored (the conflict as it now stands, and the figure readers see),
/// or refused because the conflict closed meanwhile.
public enum ResolveOutcome: Sendable {
    case resolved(ConflictView, value: ExactDecimal?, status: String)
    case closed
}

/// A writer's queue: submissions arriving while a batch is written wait here, and the next batch
/// takes them all (group commit). Anyone may add; only the writer takes.
final class WriterInbox: Sendable {
    private struct State {
        var jobs: [WriterJob] = []
        var closed = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// False once the inbox is closed (the daemon is stopping): the job was not taken.
    func enqueue(_ job: WriterJob) -> Bool {
        let waiter: CheckedContinuation<Void, Never>?? = state.withLock { s in
            guard !s.closed else { return .none }
            s.jobs.append(job)
            defer { s.waiter = nil }
            return .some(s.waiter)
        }
        guard let waiter else { return false }
        waiter?.resume()
        return true
    }

    /// Jobs back at the front (a batch to try again), before anything that came meanwhile.
    func requeue(_ jobs: [WriterJob]) {
        guard !jobs.isEmpty else { return }
        state.withLock { $0.jobs.insert(contentsOf: jobs, at: 0) }
    }

    /// Everything queued, up to `maxSubmissions` submissions (other jobs are all taken), without
    /// waiting: none when nothing is queued.
    func take(maxSubmissions: Int) -> [WriterJob] {
        state.withLock { s in Self.take(&s, maxSubmissions) }
    }

    private static func take(_ s: inout State, _ maxSubmissions: Int) -> [WriterJob] {
        var submissions = 0
        let end = s.jobs.firstIndex { job in
            guard case .submit = job else { return false }
            submissions += 1
            return submissions > maxSubmissions
        } ?? s.jobs.count
        defer { s.jobs.removeFirst(end) }
        return Array(s.jobs[..<end])
    }

    /// Everything queued, up to `maxSubmissions` submissions (other jobs are all taken), waiting for
    /// something if nothing is; nil once closed and empty.
    func next(maxSubmissions: Int) async -> [WriterJob]? {
        while true {
            let taken: [WriterJob]?? = state.withLock { s in
                if s.jobs.isEmpty { return s.closed ? .some(nil) : .none }
                return .some(Self.take(&s, maxSubmissions))
            }
            if let taken { return taken }
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let now = state.withLock { s -> Bool in
                    if !s.jobs.isEmpty || s.closed { return true }
                    s.waiter = c
                    return false
                }
                if now { c.resume() }
            }
        }
    }

    var isEmpty: Bool { state.withLock { $0.jobs.isEmpty } }

    /// No submission waits (other jobs may: they write what is left behind themselves).
    var hasNoSubmissions: Bool {
        state.withLock { s in !s.jobs.contains { if case .submit = $0 { true } else { false } } }
    }
    var count: Int { state.withLock { $0.jobs.count } }

    /// No more jobs are taken; what is queued is still handed out.
    func close() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.closed = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Jobs left after closing that no writer will take: answered by the caller.
    func drain() -> [WriterJob] {
        state.withLock { s in
            defer { s.jobs = [] }
            return s.jobs
        }
    }
}
