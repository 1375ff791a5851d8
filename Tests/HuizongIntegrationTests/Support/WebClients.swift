import Foundation
import Logging
import NIOConcurrencyHelpers

/// Runs blocking socket work on a Dispatch thread: never on the cooperative pool, which the
/// console's own tasks need (two cores: two threads).
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { c in
        DispatchQueue.global().async { c.resume(with: Result { try work() }) }
    }
}

/// A blocking TCP socket with a receive deadline, for the console's HTTP and WebSocket tests.
final class BlockingSocket {
    let fd: Int32

    init(port: Int, timeout: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { close(fd); throw TestFailure("cannot connect to port \(port)") }
    }

    deinit { close(fd) }

    func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestFailure("send failed") }
            sent += n
        }
    }

    /// Up to `count` bytes; empty at the end of the stream; throws when the deadline passes.
    func read(_ count: Int = 65536) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, count, 0) }
        guard n >= 0 else { throw TestFailure("no answer in time") }
        return Array(buffer[..<n])
    }
}

struct HTTPAnswer: Sendable {
    let status: Int
    let headers: [(String, String)]
    let body: String
    var bytes: [UInt8] = []
    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}

/// One request per connection (`Connection: close`), read to the end.
struct HTTPClient: Sendable {
    let port: Int

    func send(_ method: String, _ path: String, body: String, cookie: String? = nil, origin: String? = nil,
              headers: [String] = []) async throws -> HTTPAnswer {
        try await send(method, path, body: Array(body.utf8), cookie: cookie, origin: origin, headers: headers)
    }

    func send(_ method: String, _ path: String, body: [UInt8] = [], cookie: String? = nil, origin: String? = nil,
              headers: [String] = []) async throws -> HTTPAnswer {
        try await offPool { try exchange(method, path, body: body, cookie: cookie, origin: origin, headers: headers) }
    }

    /// The same, for a binary body (`bytes`).
    func sendBytes(_ method: String, _ path: String, cookie: String? = nil) async throws -> HTTPAnswer {
        try await send(method, path, cookie: cookie)
    }

    private func exchange(_ method: String, _ path: String, body: [UInt8], cookie: String?, origin: String?, headers: [String]) throws -> HTTPAnswer {
        let socket = try BlockingSocket(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        if let cookie { head += "Cookie: \(cookie)\r\n" }
        if let origin { head += "Origin: \(origin)\r\n" }
        for h in headers { head += h + "\r\n" }
        try socket.write(Array((head + "\r\n").utf8) + body)
        var bytes: [UInt8] = []
        while true {
            let chunk = try socket.read()
            if chunk.isEmpty { break }
            bytes += chunk
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw TestFailure("no HTTP answer: \(text)") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let headLength = text[..<split.upperBound].utf8.count
        return HTTPAnswer(status: status, headers: headers, body: String(text[split.upperBound...]), bytes: Array(bytes[headLength...]))
    }
}

/// A WebSocket client as a browser is one: the handshake with Origin and Cookie, masked text
/// frames out, whole text frames in (the console sends one line per frame, unfragmented).
final class WebSocketClient: @unchecked Sendable {  // used by one test task at a time
    let socket: BlockingSocket
    private var pending: [UInt8] = []

    static func open(port: Int, cookie: String?, origin: String) async throws -> WebSocketClient {
        try await offPool { try WebSocketClient(port: port, cookie: cookie, origin: origin) }
    }

    func send(_ text: String) async throws { try await offPool { try self.sendNow(text) } }
    func receive() async throws -> String { try await offPool { try self.receiveNow() } }

    private init(port: Int, cookie: String?, origin: String) throws {
        socket = try BlockingSocket(port: port)
        var head = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: \(origin)\r\n"
        if let cookie { head += "Cookie: \(cookie)\r\n" }
        try socket.write(Array((head + "\r\n").utf8))
        while !String(decoding: pending, as: UTF8.self).contains("\r\n\r\n") {
            let chunk = try socket.read()
            if chunk.isEmpty { break }
            pending += chunk
        }
        let text = String(decoding: pending, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 101"), let end = text.range(of: "\r\n\r\n") else {
            throw TestFailure("upgrade refused: \(text.prefix(200))")
        }
        pending = Array(pending[text[..<end.upperBound].utf8.count...])
    }

    private func sendNow(_ text: String) throws {
        let payload = Array(text.utf8)
        let mask: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try socket.write(frame)
    }

    /// The next text message (a close frame ends with an error).
    private func receiveNow() throws -> String {
        while true {
            if pending.count >= 2 {
                var length = Int(pending[1] & 0x7F), offset = 2
                if length == 126, pending.count >= 4 { length = Int(pending[2]) << 8 | Int(pending[3]); offset = 4 }
                if length == 127, pending.count >= 10 { length = pending[2..<10].reduce(0) { $0 << 8 | Int($1) }; offset = 10 }
                if pending.count >= offset + length {
                    let opcode = pending[0] & 0x0F
                    let payload = Array(pending[offset..<offset + length])
                    pending.removeFirst(offset + length)
                    if opcode == 0x8 { throw TestFailure("closed by the server") }
                    if opcode == 0x1 { return String(decoding: payload, as: UTF8.self) }
                    continue
                }
            }
            let chunk = try socket.read()
            if chunk.isEmpty { throw TestFailure("connection ended") }
            pending += chunk
        }
    }
}

/// Every message logged through it, to assert on what a log would show.
struct CapturingLogHandler: LogHandler {
    static let lines = NIOLockedValueBox<[String]>([])
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let all = self.metadata.merging(metadata ?? [:]) { $1 }
        Self.lines.withLockedValue { $0.append("\(level) \(message) \(all)") }
    }
}
