import Dispatch
import Foundation
import Synchronization

/// A serial executor that runs every job on one dedicated OS thread (swift-nio's
/// `EventLoop+SerialExecutor.swift` shows the road). An actor whose executor this is may block —
/// libpq waits in poll(2) — without stalling Swift's cooperative pool (two threads here) or an event
/// loop, and the compiler keeps the actor's state, its database connection included, on this thread.
public final class ThreadExecutor: SerialExecutor, Sendable {
    private struct Queue {
        var jobs: [UnownedJob] = []
        var head = 0
        var stopping = false
    }

    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)
    /// Uptime nanoseconds at which the job now running started, 0 when idle: the watchdog's
    /// evidence that this thread makes progress.
    private let busySince = Atomic<UInt64>(0)
    private let ended = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    public init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.jobs.append(job) }
        wake.signal()
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }

    /// True unless one job has been running for longer than `limit` (the thread is stuck). A job
    /// waiting for a database that is down is not stuck: its waits have deadlines.
    public func isResponsive(within limit: Duration) -> Bool {
        let since = busySince.load(ordering: .relaxed)
        guard since != 0 else { return true }
        let elapsed = Duration.nanoseconds(Int64(DispatchTime.now().uptimeNanoseconds &- since))
        return elapsed < limit
    }

    /// Runs what is queued, then ends the thread; returns once it has ended. The actor using this
    /// executor must not be called afterwards.
    public func shutdown() async {
        queue.withLock { $0.stopping = true }
        wake.signal()
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let done = ended.withLock { e -> Bool in
                if !e.done { e.waiters.append(c) }
                return e.done
            }
            if done { c.resume() }
        }
    }

    private func run() {
        while true {
            wake.wait()
            let (job, stop): (UnownedJob?, Bool) = queue.withLock { q in
                guard q.head < q.jobs.count else { return (nil, q.stopping) }
                let job = q.jobs[q.head]
                q.head += 1
                if q.head > 64, q.head * 2 > q.jobs.count {  // compact now and then
                    q.jobs.removeFirst(q.head)
                    q.head = 0
                }
                return (job, false)
            }
            guard let job else {
                if stop { break }
                continue
            }
            busySince.store(DispatchTime.now().uptimeNanoseconds | 1, ordering: .relaxed)
            job.runSynchronously(on: asUnownedSerialExecutor())
            busySince.store(0, ordering: .relaxed)
        }
        let waiters = ended.withLock { e in
            e.done = true
            defer { e.waiters = [] }
            return e.waiters
        }
        waiters.forEach { $0.resume() }
    }
}
