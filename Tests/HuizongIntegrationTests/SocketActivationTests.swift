import Foundation
import HuizongDatabase
import HuizongPostgres
import HuizongStore
import Testing

/// Socket activation with systemd's own tool: `systemd-socket-activate` binds the Unix socket and a
/// TCP port, and on the first connection starts huizongd with them (LISTEN_FDS); that connection is
/// served. The daemon never removes a socket it did not create, and a daemon started by hand on a
/// socket path a live daemon holds refuses to start.
@Suite(.timeLimit(.minutes(3))) struct SocketActivationTests {
    @Test func aFirstConnectionStartsTheDaemonOnSystemdsSockets() async throws {
        let tool = "/usr/bin/systemd-socket-activate"
        try #require(FileManager.default.isExecutableFile(atPath: tool), "scripts/install-deps installs systemd")
        let conninfo = try TestCluster.shared.newDatabase()
        let token = try OfficeStore.add(try Connection(conninfo), code: "331082", role: .county, region: "331082")
        let dir = try TempDirectory()
        let socket = dir.path("huizongd.sock")
        let port = try freePort()
        let pid = try ChildProcess.spawn(tool, ["-l", socket, "-l", "127.0.0.1:\(port)", "--fdname=huizongd:huizongd",
                                                try executable("huizongd").path, "--database", conninfo, "--http", "", "--log-level", "info"],
                                         outputPath: dir.path("daemon.log"))
        defer { if ChildProcess.isRunning(pid) { kill(pid, SIGKILL); _ = try? ChildProcess.wait(pid) } }
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: socket) { try await Task.sleep(for: .milliseconds(50)) }

        // Connected before the daemon exists: systemd's socket holds the connection until it serves it.
        let client = try await TestClient.unix(socket)
        let welcome = try await client.request(#"{"type":"hello","id":"h","office":"331082","token":"\#(token)"}"#)
        #expect(welcome.type == "welcome", "\(welcome)")
        let ack = try await client.request(submitLine("sa-1", "331082", "2022-10", [("ind_value_added", ["ytd": "218.64", "yoy": "5.2"])]))
        #expect(ack["status"]?.string == "accepted", "\(ack)")
        let tcp = try await TestClient.tcp(port: port)
        #expect(try await tcp.request(#"{"type":"ping"}"#).type == "pong")
        await tcp.close()

        // A second daemon on the same socket path, started by hand, does not take it over.
        let (refused, output) = try await runDaemon(["--database", conninfo, "--unix-socket", socket, "--tcp", "", "--http", ""])
        #expect(refused != 0 && output.contains("another server is listening on \(socket)"), "\(output)")

        kill(pid, SIGTERM)
        let status = try await waitOffPool(pid)
        await client.close()
        let log = (try? String(contentsOfFile: dir.path("daemon.log"), encoding: .utf8)) ?? ""
        #expect(status == 0, "\(log)")
        #expect(log.contains("socket-activated"), "\(log)")
        var info = stat()
        #expect(lstat(socket, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK, "systemd's socket file is left where it was")
        #expect(try Connection(conninfo).execute("SELECT ytd::text FROM figures WHERE region = '331082'").rows == [["218.64"]])
    }
}

/// A TCP port nobody listens on now (bound to port 0 and released).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard ok else { throw TestFailure("no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Runs huizongd to completion off the cooperative pool.
func runDaemon(_ arguments: [String]) async throws -> (Int32, String) {
    let program = try executable("huizongd")
    return try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try runCommand(program, arguments) }) }.start()
    }
}

/// Waits for a child off the cooperative pool.
func waitOffPool(_ pid: pid_t) async throws -> Int32 {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try ChildProcess.wait(pid) }) }.start()
    }
}
