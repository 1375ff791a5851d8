import Foundation
import HuizongCore
import HuizongPostgres
@testable import HuizongServer
import HuizongStore
import NIOPosix
import ServiceLifecycle
import Synchronization
import NIOConcurrencyHelpers

private let socketCounter = Atomic<Int>(0)

/// huizongd's server, in process, on a fresh database: a real Unix socket and a real TCP port,
/// built by the same composition root as the daemon (`Application`) and run as the same
/// `ServiceGroup`.
final class TestServer: Sendable {
    let conninfo: String
    let application: Application
    let socketPath: String
    private let group: ServiceGroup
    private let running: Task<Void, Never>
    /// Clients handed out, closed by `stop()`.
    private let clients = NIOLockedValueBox<[TestClient]>([])

    var services: Services { application.services }
    var server: Server { application.server }
    var bound: BoundServer { application.bound }
    var tcpPort: Int { bound.tcpPort! }
    var writer: WriterPool { services.writer }

    static func start(conninfo: String? = nil, hubConninfo: String? = nil, unixSocketPath: String? = nil, maxLineBytes: Int = 1 << 20,
                      subscriberQueue: Int = 4096, maxQueuedSubmissions: Int = 8192, databaseTimeout: Duration? = nil,
                      slowConsumerGrace: Duration = .seconds(60), now: (@Sendable () -> Int64)? = nil) async throws -> TestServer {
        let conninfo = try conninfo ?? TestCluster.shared.newDatabase()
        var c = ApplicationConfiguration(conninfo: conninfo)
        c.feedConninfo = hubConninfo
        c.connection = databaseTimeout.map(ConnectionSettings.timeout) ?? ConnectionSettings()
        c.subscriberQueue = subscriberQueue
        c.maxQueued = maxQueuedSubmissions
        c.serverName = "huizongd/test"
        if let now { c.now = now }
        let socketPath = unixSocketPath ?? "/tmp/hzt-\(getpid())-\(socketCounter.wrappingAdd(1, ordering: .relaxed).newValue).sock"
        c.server = ServerConfiguration(unixSocketPath: socketPath, tcpHost: "127.0.0.1", tcpPort: 0)
        c.server.maxLineBytes = maxLineBytes
        c.server.slowConsumerGrace = slowConsumerGrace
        let application = try await Application.start(c, logger: quietLogger)
        let group = ServiceGroup(configuration: .init(services: application.lifecycle(referencePoll: .seconds(1), logger: quietLogger)
            .map { .init(service: $0) }, logger: quietLogger))
        let running = Task { _ = try? await group.run() }
        return TestServer(conninfo: conninfo, application: application, socketPath: socketPath, group: group, running: running)
    }

    private init(conninfo: String, application: Application, socketPath: String, group: ServiceGroup, running: Task<Void, Never>) {
        self.conninfo = conninfo
        self.application = application
        self.socketPath = socketPath
        self.group = group
        self.running = running
    }

    /// Stops as the daemon does: the server drains its connections, then the writers finish their
    /// queues and the connections close.
    func stop() async {
        for client in clients.withLockedValue({ $0 }) { await client.close() }
        await group.triggerGracefulShutdown()
        await running.value
    }

    /// Creates an office and returns its token, as `huizong office add` does.
    func addOffice(_ code: String, role: Role, region: String? = nil) throws -> String {
        try OfficeStore.add(try Connection(conninfo), code: code, role: role, region: region)
    }

    /// Reads the database directly: what the tests check against is PostgreSQL itself.
    func sql(_ query: String, _ parameters: [String?] = []) throws -> [[String?]] {
        try Connection(conninfo).execute(query, parameters).rows
    }

    /// Changes the database directly, behind the daemon's back (faults the tests inject).
    func execute(_ statement: String, _ parameters: [String?] = []) throws {
        try Connection(conninfo).execute(statement, parameters)
    }

    func unixClient() async throws -> TestClient { track(try await TestClient.unix(socketPath)) }
    func tcpClient() async throws -> TestClient { track(try await TestClient.tcp(port: tcpPort)) }

    private func track(_ client: TestClient) -> TestClient {
        clients.withLockedValue { $0.append(client) }
        return client
    }

    /// A client that has said hello as a new office of `role` for `region`.
    /// A client said hello as a new office `code` for `region` (by default the region of the same code).
    func client(office code: String, role: Role = .county, region: String? = nil, tcp: Bool = false) async throws -> TestClient {
        let token = try addOffice(code, role: role, region: role == .admin ? nil : (region ?? code))
        let client = tcp ? try await tcpClient() : try await unixClient()
        // A hello can be `unavailable` while a loaded machine connects to PostgreSQL slower than a
        // test's short database timeout: retried, as a client would.
        let deadline = ContinuousClock.now + .seconds(15)
        while true {
            let welcome = try await client.request(#"{"type":"hello","id":"h","office":"\#(code)","token":"\#(token)"}"#)
            if welcome.type == "welcome" { return client }
            guard welcome.code == "unavailable", ContinuousClock.now < deadline else { throw TestFailure("hello refused: \(welcome)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// Runs `body` against a fresh server and stops it afterwards, whether `body` returns or throws.
func withServer(conninfo: String? = nil, hubConninfo: String? = nil, maxLineBytes: Int = 1 << 20, subscriberQueue: Int = 4096,
                maxQueuedSubmissions: Int = 8192, databaseTimeout: Duration? = nil, slowConsumerGrace: Duration = .seconds(60),
                now: (@Sendable () -> Int64)? = nil, _ body: (TestServer) async throws -> Void) async throws {
    let server = try await TestServer.start(conninfo: conninfo, hubConninfo: hubConninfo, maxLineBytes: maxLineBytes,
                                            subscriberQueue: subscriberQueue, maxQueuedSubmissions: maxQueuedSubmissions,
                                            databaseTimeout: databaseTimeout, slowConsumerGrace: slowConsumerGrace, now: now)
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
