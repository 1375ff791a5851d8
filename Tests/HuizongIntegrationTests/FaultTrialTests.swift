import Foundation
import HuizongDatabase
import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import Synchronization
import Testing
import NIOConcurrencyHelpers

/// Issue 8, "Prove it": real daemons, real signals, a real PostgreSQL stopped under load. CI runs a
/// few trials; `HUIZONG_CRASH_TRIALS=20 HUIZONG_OUTAGE_TRIALS=5 HUIZONG_OUTAGE_SECONDS=120` run the
/// full ones (docs/reliability.md).
@Suite(.timeLimit(.minutes(20)), .serialized) struct FaultTrialTests {
    static func setting(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? fallback
    }

    /// Every city and county of Zhejiang and Jiangsu (208 regions).
    static func regions(_ daemon: DaemonProcess) throws -> [String] {
        try daemon.sql("""
            SELECT code FROM regions WHERE parent IN ('330000', '320000')
                OR parent IN (SELECT code FROM regions WHERE parent IN ('330000', '320000')) ORDER BY code
            """).map { $0[0]! }
    }

    /// Every acknowledged submission is stored exactly once; every stored key is one we sent.
    static func checkStored(_ daemon: DaemonProcess, acknowledged: Set<String>, sent: Set<String>) throws {
        let rows = try daemon.sql("SELECT key, count(*) FROM submissions GROUP BY key")
        let stored = Set(rows.map { $0[0]! })
        #expect(rows.allSatisfy { $0[1] == "1" })
        #expect(acknowledged.isSubset(of: stored), "acknowledged but not stored: \(acknowledged.subtracting(stored).prefix(5))")
        #expect(stored.isSubset(of: sent))
    }

    static func checkAggregates(_ daemon: DaemonProcess) throws {
        let c = try Connection(EmbeddedCluster(directory: daemon.dataDir).conninfo())
        let differences = try VerifyStore.differences(c, tree: try ReferenceStore.regions(c), catalog: try ReferenceStore.catalog(c))
        #expect(differences.isEmpty, "\(differences.count) aggregates differ from their recomputation: \(differences.prefix(5))")
    }

    /// `kill -9` of the daemon (and every third time of its PostgreSQL too) at a random moment of a
    /// pipelined load from four connections; restart; the clients resend what was not acknowledged.
    @Test func killingTheDaemonLosesAndDoublesNothing() async throws {
        let dir = URL(fileURLWithPath: "/tmp/huizong-crash-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        var daemon = try await DaemonProcess(dataDir: dir)
        let token = try daemon.office("root", role: "admin")
        let regions = try Self.regions(daemon)
        var all: [LoadDriver.Submission] = []
        var acknowledged: Set<String> = []
        var random = SystemRandomNumberGenerator()
        var ackedBeforeKills = 0, attemptedBeforeKills = 0
        let trials = Self.setting("HUIZONG_CRASH_TRIALS", 3)
        for trial in 0..<trials {
            all += LoadDriver.workload(regions: regions, months: 1...3, year: 2000 + trial, tag: "t\(trial)")
            let driver = LoadDriver(socket: daemon.socket, office: "root", token: token)
            let pending = all.filter { !acknowledged.contains($0.key) }
            let load = Task { await driver.run(pending, connections: 4) }
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...700, using: &random)))
            let postmaster = trial % 3 == 2 ? daemon.postmaster() : nil
            kill(daemon.pid, SIGKILL)
            if let postmaster { kill(postmaster, SIGKILL) }
            _ = try daemon.wait()
            await load.value
            #expect(driver.refused.isEmpty, "\(driver.refused.prefix(3))")
            ackedBeforeKills += driver.acknowledged.count
            attemptedBeforeKills += pending.count
            acknowledged.formUnion(driver.acknowledged)
            daemon = try await DaemonProcess.restart(dataDir: dir)
            try Self.checkStored(daemon, acknowledged: acknowledged, sent: Set(all.map(\.key)))
        }
        // The clients resend everything not acknowledged: in the end each submission is stored once.
        let final = LoadDriver(socket: daemon.socket, office: "root", token: token)
        await final.run(all.filter { !acknowledged.contains($0.key) }, connections: 4)
        acknowledged.formUnion(final.acknowledged)
        #expect(acknowledged == Set(all.map(\.key)))
        try Self.checkStored(daemon, acknowledged: acknowledged, sent: Set(all.map(\.key)))
        #expect(try daemon.sql("SELECT count(*) FROM submissions") == [[String(all.count)]])
        try Self.checkAggregates(daemon)
        let aggregates = try daemon.sql("SELECT count(*) FROM aggregates")[0][0] ?? "?"
        print("crash trials: \(trials) kills (\(trials / 3) with the postmaster) after \(attemptedBeforeKills) submissions were sent, "
              + "\(ackedBeforeKills) of them acknowledged before the kill; \(all.count) distinct, each stored once in the end; "
              + "\(aggregates) aggregate rows equal to their recomputation")
        kill(daemon.pid, SIGTERM)
        #expect(try daemon.wait() == 0)
    }

    /// PostgreSQL stopped (fast and immediate, in turn) in the middle of a load: the clients are told
    /// `unavailable` (retryable), never an ack for what was not committed; pings are answered
    /// throughout; the daemon reconnects by itself and the load completes on resend. The systemd
    /// watchdog keeps being fed during the outage: restarting the daemon would not mend a database.
    @Test func aDatabaseOutageIsUnavailableNeverALieAndHeals() async throws {
        let dir = URL(fileURLWithPath: "/tmp/huizong-outage-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let watchdog = try NotifyListener(path: "/tmp/hz-notify-\(getpid())")
        defer { watchdog.stop() }
        let daemon = try await DaemonProcess(dataDir: dir, environment: ["NOTIFY_SOCKET": watchdog.path, "WATCHDOG_USEC": "2000000"])
        defer { kill(daemon.pid, SIGKILL) }
        let token = try daemon.office("root", role: "admin")
        let regions = try Self.regions(daemon)
        let cluster = EmbeddedCluster(directory: dir)
        var all: [LoadDriver.Submission] = []
        var acknowledged: Set<String> = []
        var unavailable = 0
        let outage = Duration.seconds(Self.setting("HUIZONG_OUTAGE_SECONDS", 4))
        for trial in 0..<Self.setting("HUIZONG_OUTAGE_TRIALS", 2) {
            all += LoadDriver.workload(regions: regions, months: 1...12, year: 2000 + trial, tag: "o\(trial)")
            let driver = LoadDriver(socket: daemon.socket, office: "root", token: token)
            let pending = all.filter { !acknowledged.contains($0.key) }
            let pinger = Pinger(socket: daemon.socket)
            let pings = Task { await pinger.run() }
            let load = Task { await driver.run(pending, connections: 4, window: 16) }
            try await Task.sleep(for: .milliseconds(300))
            let fedBefore = watchdog.count
            try cluster.stop(mode: trial % 2 == 0 ? "fast" : "immediate")
            try await Task.sleep(for: outage)
            let fedDuring = watchdog.count - fedBefore
            try cluster.start(logger: quietLogger)
            await load.value
            acknowledged.formUnion(driver.acknowledged)
            unavailable += driver.unavailableAnswers
            #expect(driver.refused.isEmpty, "\(driver.refused.prefix(3))")
            // Resend until everything is in: the daemon reconnects by itself.
            for _ in 0..<20 where !Set(all.map(\.key)).isSubset(of: acknowledged) {
                let again = LoadDriver(socket: daemon.socket, office: "root", token: token)
                await again.run(all.filter { !acknowledged.contains($0.key) }, connections: 4)
                acknowledged.formUnion(again.acknowledged)
                try await Task.sleep(for: .milliseconds(500))
            }
            pinger.stop()
            let latencies = await pings.value.sorted()
            #expect(latencies.count > 10 && pinger.failures == 0, "\(latencies.count) pings, \(pinger.failures) unanswered")
            let p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
            print("outage trial \(trial) (\(trial % 2 == 0 ? "fast" : "immediate"), \(outage)): \(driver.unavailableAnswers) unavailable, "
                  + "\(driver.acknowledged.count) acknowledged while it lasted, \(latencies.count) pings p50 \(latencies[latencies.count / 2]) p99 \(p99), "
                  + "WATCHDOG=1 \(fedDuring) times during the outage")
            #expect(p99 < .milliseconds(250), "ping p99 \(p99) during the outage")
            #expect(fedDuring >= Int(outage.components.seconds) / 2, "WATCHDOG=1 sent \(fedDuring) times in \(outage) of outage")
            try Self.checkStored(daemon, acknowledged: acknowledged, sent: Set(all.map(\.key)))
        }
        #expect(unavailable > 0, "no client was ever told unavailable: the outage was not felt")
        #expect(acknowledged == Set(all.map(\.key)))
        try Self.checkAggregates(daemon)
        kill(daemon.pid, SIGTERM)
        #expect(try daemon.wait() == 0)
    }
}

/// Pings over its own connection every 50 ms and keeps each round trip's time.
final class Pinger: Sendable {
    let socket: String
    private let state = NIOLockedValueBox<(stopped: Bool, failures: Int)>((false, 0))
    init(socket: String) { self.socket = socket }

    var failures: Int { state.withLockedValue { $0.failures } }
    func stop() { state.withLockedValue { $0.stopped = true } }

    func run() async -> [Duration] {
        guard let client = try? await TestClient.unix(socket) else { state.withLockedValue { $0.failures += 1 }; return [] }
        let clock = ContinuousClock()
        var times: [Duration] = []
        while !state.withLockedValue({ $0.stopped }) {
            let start = clock.now
            if (try? await client.request(#"{"type":"ping"}"#))?.type == "pong" { times.append(clock.now - start) }
            else { state.withLockedValue { $0.failures += 1 } }
            try? await Task.sleep(for: .milliseconds(50))
        }
        await client.close()
        return times
    }
}

/// The receiving end of sd_notify: a datagram socket that counts WATCHDOG=1 and keeps every message.
final class NotifyListener: Sendable {
    let path: String
    private let fd: Int32
    private let fed = Counter()
    private let received = Received()

    init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in path.utf8.enumerated() { raw[i] = b } }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { throw TestFailure("cannot bind \(path)") }
        let socket = fd
        let fed = self.fed
        let received = self.received
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return }
                let message = String(decoding: buffer[0..<n], as: UTF8.self)
                if message.contains("WATCHDOG=1") { fed.value.add(1, ordering: .relaxed) } else { received.list.withLock { $0.append(message) } }
            }
        }
    }

    var count: Int { fed.value.load(ordering: .relaxed) }
    /// Every message but WATCHDOG=1, in arrival order.
    var messages: [String] { received.list.withLock { $0 } }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        unlink(path)
    }
}

final class Received: Sendable {
    let list = Mutex<[String]>([])
}

final class Counter: Sendable {
    let value = Atomic<Int>(0)
}
