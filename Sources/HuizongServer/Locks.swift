import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import NIOCore

extension SubmissionWriter {
    /// Sets a region's annual target for an indicator and logs an event for each of its periods of
    /// that year, so that subscribers see the new progress and light.
    func setTarget(_ t: TargetRequest, office: String, on eventLoop: any EventLoop) -> EventLoopFuture<Result<Void, any Error>> {
        let statements = TargetStore.set(region: t.region, year: t.year, indicator: t.indicator, targets: t.targets, office: office)
        return job(on: eventLoop) { connection in
            _ = try connection.pipelineResults([Statement("BEGIN")] + statements + [Statement("COMMIT")])
        }
    }

    /// Locks or unlocks a region's period, under the advisory lock every writing transaction for
    /// that region or below takes: a submission commits either before the lock or not at all.
    /// Returns whether anything changed (locking a locked period changes nothing).
    func setLock(region: String, period: Period, locked: Bool, office: String,
                 on eventLoop: any EventLoop) -> EventLoopFuture<Result<Bool, any Error>> {
        let pair = ConsolidationStore.Parent(region: region, period: period)
        let change = LockStore.set(region: region, period: period, locked: locked, office: office)
        return job(on: eventLoop) { connection in
            let results = try connection.pipelineResults([Statement("BEGIN"), ConsolidationStore.lock([pair]), change, Statement("COMMIT")])
            return results[2].scalar == "1"
        }
    }
}
