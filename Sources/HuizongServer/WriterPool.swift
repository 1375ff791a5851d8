import Foundation
import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import Logging
import NIOCore

/// Several group-commit writers, each with its own connection, so that PostgreSQL works on more
/// than one core. A province, and every region in it, always goes to the same writer: submissions
/// for one region keep their order, a batch's view of a region's year stays whole, and the writers
/// never wait for each other's lock on a common parent (every submission reconsolidates its city and
/// province). Other daemons are kept apart by the locks every batch takes before it reads.
public final class WriterPool: Sendable {
    private let writers: [SubmissionWriter]
    private let threads: [DatabaseThread]
    private let reference: Reference

    public init(lanes: Int, conninfo: String, settings: ConnectionSettings = ConnectionSettings(), reference: Reference,
                maxBatch: Int = 1024, logger: Logger) {
        // The batch's statements are index probes behind LATERAL, written for a generic plan.
        var writing = settings
        writing.genericPlans = true
        threads = (0..<max(1, lanes)).map {
            DatabaseThread(name: "huizong-writer-\($0)", conninfo: conninfo, settings: writing, logger: logger)
        }
        self.reference = reference
        writers = threads.map { SubmissionWriter(database: $0, reference: reference, maxBatch: maxBatch, logger: logger) }
    }

    public func submit(office: String, submission: Submission, warnings: [Issue], dryRun: Bool,
                       on eventLoop: EventLoop) -> EventLoopFuture<SubmitOutcome> {
        writers[lane(of: submission.region)]
            .submit(office: office, submission: submission, warnings: warnings, dryRun: dryRun, on: eventLoop)
    }

    public func resolve(_ conflict: ConflictView, action: ConflictSide, note: String?, office: String,
                        on eventLoop: EventLoop) -> EventLoopFuture<Result<ResolveOutcome, Error>> {
        writers[lane(of: conflict.region)]
            .resolve(conflict, action: action, note: note, office: office, on: eventLoop)
    }

    func setTarget(_ t: TargetRequest, office: String, on eventLoop: EventLoop) -> EventLoopFuture<Result<Void, Error>> {
        writers[lane(of: t.region)].setTarget(t, office: office, on: eventLoop)
    }

    func setLock(region: String, period: Period, locked: Bool, office: String,
                 on eventLoop: EventLoop) -> EventLoopFuture<Result<Bool, Error>> {
        writers[lane(of: region)].setLock(region: region, period: period, locked: locked, office: office, on: eventLoop)
    }

    /// The lane of the region's province (its top ancestor).
    func lane(of region: String) -> Int {
        Self.lane(of: reference.tree.ancestors(of: region).last ?? region, count: writers.count)
    }

    /// FNV-1a of the region code: stable across runs and daemons.
    static func lane(of region: String, count: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in region.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(h % UInt64(count))
    }

    public var stats: SubmissionWriter.Stats {
        writers.map(\.stats).reduce(into: SubmissionWriter.Stats()) { total, s in
            total.batches += s.batches
            total.accepted += s.accepted
            total.largestBatch = max(total.largestBatch, s.largestBatch)
            total.rolledBack += s.rolledBack
            if let t = s.lastCommit, t > (total.lastCommit ?? .distantPast) { total.lastCommit = t }
        }
    }

    /// Submissions waiting for a batch, over every lane.
    public var queued: Int { writers.map(\.queued).reduce(0, +) }

    /// True unless a writer has been stuck in one batch for longer than `limit`.
    public func isResponsive(within limit: Duration) -> Bool { threads.allSatisfy { $0.isResponsive(within: limit) } }

    /// Lets queued work finish and returns once every writer's thread has ended.
    public func shutdown() async {
        for t in threads { await t.shutdown() }
    }
}
