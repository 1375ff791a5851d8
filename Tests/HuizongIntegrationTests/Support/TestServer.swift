import Foundation
import HuizongCore
import HuizongPostgres
@testable import HuizongServer
import HuizongStore
import NIOPosix
import Synchronization
import NIOConcurrencyHelpers

private let socketCounter = Atomic<Int>(0)

/// huizongd's server, in process, on a fresh database: a real Unix socket and a real TCP port.
final class TestServer: Sendable {
    let conninfo: String
    let services: Services
    let server: Server
    let bound: BoundServer
    let socketPath: String
    private let serving: Task<Void, Never>
    private let following: Task<Void, Never>
    /// Clients handed out, closed by `stop()`.
    private let clients = NIOLockedValueBox<[TestClient]>([])

    var tcpPort: Int { bound.tcpPort! }
    var writer: WriterPool { services.writer }

    static func start(conninfo: String? = nil, hubConninfo: String? = nil, unixSocketPath: String? = nil, maxLineBytes: Int = 1 << 20,
                      subscriberQueue: Int = 4096, maxQueuedSubmissions: Int = 8192, databaseTimeout: Duration? = nil,
                      slowConsumerGrace: Duration = .seconds(60), now: (@Sendable () -> Int64)? = nil) async throws -> TestServer {
        let conninfo = try conninfo ?? TestCluster.shared.newDatabase()
        let reference: Reference = try {
            let c = try Connection(conninfo)
            return Reference(tree: try ReferenceStore.regions(c), catalog: try ReferenceStore.catalog(c), version: try ReferenceStore.version(c))
        }()
        let settings = databaseTimeout.map(ConnectionSettings.timeout) ?? ConnectionSettings()
        let connections = Connections()
        let writer = WriterPool(lanes: 2, conninfo: conninfo, settings: settings, reference: reference, logger: quietLogger)
        let hub = BroadcastHub(conninfo: hubConninfo ?? conninfo, settings: settings, reference: reference, queueLimit: subscriberQueue,
                               logger: quietLogger, onRevoked: { connections.revoke(office: $0) })
        let services = Services(reference: reference, writer: writer,
                                readers: ReaderPool(count: 2, conninfo: conninfo, settings: settings, logger: quietLogger), hub: hub,
                                connections: connections, maxQueuedSubmissions: maxQueuedSubmissions,
                                serverName: "huizongd/test", now: now ?? { Int64(Date().timeIntervalSince1970) })
        let socketPath = unixSocketPath ?? "/tmp/hzt-\(getpid())-\(socketCounter.wrappingAdd(1, ordering: .relaxed).newValue).sock"
        var configuration = ServerConfiguration(unixSocketPath: socketPath, tcpHost: "127.0.0.1", tcpPort: 0)
        configuration.maxLineBytes = maxLineBytes
        configuration.slowConsumerGrace = slowConsumerGrace
        let server = Server(configuration: configuration, services: services,
                            group: MultiThreadedEventLoopGroup.singleton, logger: quietLogger)
        let bound = try await server.bind()
        let serving = Task { await server.serve(bound) }
        let following = Task { await reference.follow(readers: services.readers, interval: .seconds(1), logger: quietLogger) }
        return TestServer(conninfo: conninfo, services: services, server: server, bound: bound, socketPath: socketPath, serving: serving,
                          following: following)
    }

    private init(conninfo: String, services: Services, server: Server, bound: BoundServer, socketPath: String, serving: Task<Void, Never>,
                 following: Task<Void, Never>) {
        self.following = following
        self.conninfo = conninfo
        self.services = services
        self.server = server
        self.bound = bound
        self.socketPath = socketPath
        self.serving = serving
    }

    /// Stops as the daemon does: the server drains its connections, then the database threads end.
    func stop() async {
        for client in clients.withLockedValue({ $0 }) { await client.close() }
        following.cancel()
        await following.value
        server.shutdown()
        await serving.value
        await services.writer.shutdown()
        await services.readers.shutdown()
        await services.hub.shutdown()
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
        let welcome = try await client.request(#"{"type":"hello","id":"h","office":"\#(code)","token":"\#(token)"}"#)
        guard welcome.type == "welcome" else { throw TestFailure("hello refused: \(welcome)") }
        return client
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
