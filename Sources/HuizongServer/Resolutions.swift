import HuizongCore
import HuizongPostgres
import HuizongStore
import NIOCore

public enum ResolveOutcome: Sendable {
    case resolved(ConflictView, value: ExactDecimal?, status: String)
    case rejected(ErrorCode, String)
}

extension SubmissionWriter {
    /// Resolves a conflict on this writer's connection, between batches: under the locks of its region
    /// and every ancestor, if the conflict is still live, marks it resolved and reconsolidates them, so
    /// that what readers see follows the resolution at every level. A conflict that closed meanwhile
    /// (a revision made the sides agree) is refused, and nothing is written or logged.
    func resolve(_ conflict: ConflictView, action: ConflictSide, note: String?, office: String,
                 on eventLoop: any EventLoop) -> EventLoopFuture<Result<ResolveOutcome, any Error>> {
        let snapshot = reference.current
        let (tree, catalog) = (snapshot.tree, snapshot.catalog)
        let keys = Set(Reconciler.affected(region: conflict.region, period: conflict.period,
                                           indicators: [conflict.indicator], tree: tree))
        let key = FigureKey(region: conflict.region, period: conflict.period, indicator: conflict.indicator)
        return job(on: eventLoop) { connection in
            var inputs = try ConsolidationStore.begin(connection, parents: ConsolidationStore.parents(of: keys))
            guard let i = inputs.conflicts[key]?.firstIndex(where: { $0.id == conflict.id }) else {
                try connection.execute("ROLLBACK")
                return .rejected(.conflictClosed, "conflict \(conflict.id) is closed: its sides agree now, nothing to resolve")
            }
            inputs.conflicts[key]![i].resolution = action
            let results = Reconciler.consolidate(keys, tree: tree, catalog: catalog, inputs: inputs)
            _ = try ConsolidationStore.commit(connection, [ConflictStore.resolve(id: conflict.id, action: action, note: note, office: office)],
                                              results: results, logged: results.map(\.key))
            let mine = results.first { $0.key.region == conflict.region }
            let view = try ConflictStore.find(connection, id: conflict.id) ?? conflict
            return .resolved(view, value: mine?.aggregate.value, status: mine?.aggregate.status.rawValue ?? "resolved")
        }
    }
}
