import HuizongCore
import HuizongPostgres
import HuizongStore
import Logging
import NIOCore

/// Several group-commit writers, each with its own connection, so that PostgreSQL works on more
/// than one core. A region always goes to the same writer: submissions for one region keep their
/// order, and a batch's view of a region's year stays whole. Different regions never touch the same
/// rows, so the writers do not contend (and the version check in `huizong_submit` guards the rest).
public final class WriterPool: Sendable {
    private let writers: [SubmissionWriter]
    private let threads: [DatabaseThread]

    public init(lanes: Int, conninfo: String, regions: RegionTree, catalog: Catalog, maxBatch: Int = 1024, logger: Logger) {
        threads = (0..<max(1, lanes)).map {
            DatabaseThread(name: "huizong-writer-\($0)", conninfo: conninfo, logger: logger, setup: SubmissionStore.prepare)
        }
        writers = threads.map { SubmissionWriter(database: $0, regions: regions, catalog: catalog, maxBatch: maxBatch, logger: logger) }
    }

    public func submit(office: String, submission: Submission, warnings: [Issue], dryRun: Bool,
                       on eventLoop: EventLoop) -> EventLoopFuture<SubmitOutcome> {
        writers[Self.lane(of: submission.region, count: writers.count)]
            .submit(office: office, submission: submission, warnings: warnings, dryRun: dryRun, on: eventLoop)
    }

    public func resolve(_ conflict: ConflictView, action: ConflictSide, note: String?, office: String,
                        on eventLoop: EventLoop) -> EventLoopFuture<ResolveOutcome> {
        writers[Self.lane(of: conflict.region, count: writers.count)]
            .resolve(conflict, action: action, note: note, office: office, on: eventLoop)
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
        }
    }

    /// Ends the writers' threads once their queued work is done.
    public func shutdown() { threads.forEach { $0.shutdown() } }
}
