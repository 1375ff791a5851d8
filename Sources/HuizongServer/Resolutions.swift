import HuizongCore
import HuizongPostgres
import HuizongStore
import NIOCore

struct ConflictNoLongerLive: Error {}

public enum ResolveOutcome: Sendable {
    case resolved(ConflictView, value: ExactDecimal?, status: String)
    case rejected(ErrorCode, String)
}

extension SubmissionWriter {
    /// Resolves a conflict on this writer's connection, between batches: marks it resolved and
    /// reconsolidates its region and every ancestor in the same transaction, so that what readers
    /// see follows the resolution at every level.
    func resolve(_ conflict: ConflictView, action: ConflictSide, note: String?, office: String,
                 on eventLoop: EventLoop) -> EventLoopFuture<Result<ResolveOutcome, Error>> {
        let keys = Set(Reconciler.affected(region: conflict.region, period: conflict.period,
                                           indicators: [conflict.indicator], tree: regions))
        let update = ConflictStore.resolve(id: conflict.id, action: action, note: note, office: office)
        return job(on: eventLoop) { connection in
            let consolidated: [ConsolidationResult]
            do {
                // Closed meanwhile (a revision made the sides agree): nothing is written or logged.
                (_, consolidated) = try self.consolidating([update], keys: keys, connection) { results in
                    guard results.first?.affected == 1 else { throw ConflictNoLongerLive() }
                    return []
                }
            } catch is ConflictNoLongerLive {
                return .rejected(.conflictClosed, "conflict \(conflict.id) is closed: its sides agree now, nothing to resolve")
            }
            let mine = consolidated.first { $0.key.region == conflict.region }
            let view = try ConflictStore.find(connection, id: conflict.id) ?? conflict
            return .resolved(view, value: mine?.aggregate.value, status: mine?.aggregate.status.rawValue ?? "resolved")
        }
    }
}
