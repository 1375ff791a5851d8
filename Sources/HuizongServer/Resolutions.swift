import HuizongCore
import HuizongPostgres
import HuizongStore
import NIOCore

public enum ResolveOutcome: Sendable {
    case resolved(ConflictView, value: ExactDecimal?, status: String)
    case rejected(ErrorCode, String)
}

extension SubmissionWriter {
    /// Resolves a conflict on this writer's connection, between batches: marks it resolved and
    /// reconsolidates its region and every ancestor in the same transaction, so that what readers
    /// see follows the resolution at every level.
    func resolve(_ conflict: ConflictView, action: ConflictSide, note: String?, office: String,
                 on eventLoop: EventLoop) -> EventLoopFuture<ResolveOutcome> {
        let promise = eventLoop.makePromise(of: ResolveOutcome.self)
        database.enqueue { connection, error in
            guard let connection else {
                promise.succeed(.rejected(.unavailable, "database unavailable, nothing was changed: \(error?.description ?? "no connection")"))
                return
            }
            let keys = Set(Reconciler.affected(region: conflict.region, period: conflict.period,
                                               indicators: [conflict.indicator], tree: self.regions))
            let update = ConflictStore.resolve(id: conflict.id, action: action, note: note, office: office)
            do {
                let (results, consolidated) = try self.consolidating([update], keys: keys, connection)
                guard results.first?.affected == 1 else {
                    promise.succeed(.rejected(.conflictClosed, "conflict \(conflict.id) is closed: its sides agree now, nothing to resolve"))
                    return
                }
                let mine = consolidated.first { $0.key.region == conflict.region }
                let view = try ConflictStore.find(connection, id: conflict.id) ?? conflict
                promise.succeed(.resolved(view, value: mine?.aggregate.value, status: mine?.aggregate.status.rawValue ?? "resolved"))
            } catch {
                self.logger.error("resolving conflict \(conflict.id) failed: \(error)")
                promise.succeed(.rejected(.unavailable, "the resolution was not stored; try again: \(error)"))
            }
        }
        return promise.futureResult
    }
}
