import Foundation
import HuizongProtocol
import NIOCore
import NIOHTTP1

/// One response of the console, with the headers every response carries: no inline script may
/// run (`script-src 'self'`), nothing is framed, nothing is sniffed, no referrer leaves.
struct HTTPResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    static let policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    /// The printable report is one self-contained page with its own <style> and no script at all.
    static let reportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'"

    init(status: HTTPResponseStatus, type: String, body: [UInt8], cache: String = "no-store", policy: String = HTTPResponse.policy) {
        self.status = status
        self.body = body
        headers = [("Content-Type", type), ("Cache-Control", cache), ("Content-Security-Policy", policy),
                   ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")]
    }

    static func json(_ status: HTTPResponseStatus, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, type: "application/json; charset=utf-8", body: body)
    }

    /// `{"error":code,"message":…}`: the message in Chinese, for the page to show as it is.
    static func error(_ status: HTTPResponseStatus, _ code: String, _ message: String) -> HTTPResponse {
        var w = JSONObjectWriter()
        w.string("error", code)
        w.string("message", message)
        return json(status, w.finish())
    }

    static let noContent = HTTPResponse(status: .noContent, type: "text/plain", body: [])

    func with(_ name: String, _ value: String) -> HTTPResponse {
        var r = self
        r.headers.append((name, value))
        return r
    }

    func head(keepAlive: Bool) -> HTTPResponseHead {
        var h = HTTPHeaders(headers)
        h.add(name: "Content-Length", value: String(body.count))
        h.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        return HTTPResponseHead(version: .http1_1, status: status, headers: h)
    }
}

/// What the console reads of a request.
struct HTTPRequest: Sendable {
    let head: HTTPRequestHead
    let body: ByteBuffer
    /// The peer's address, for the sign-in rate limit.
    let remote: String

    var path: Substring { head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0] }

    /// Query parameters, percent-decoded (`+` as a space, as forms send it).
    var query: [String: String] {
        let parts = head.uri.split(separator: "?", maxSplits: 1)
        guard parts.count == 2 else { return [:] }
        var out: [String: String] = [:]
        for pair in parts[1].split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            out[decode(kv[0])] = kv.count > 1 ? decode(kv[1]) : ""
        }
        return out
    }

    func cookie(_ name: String) -> String? {
        for header in head.headers["Cookie"] {
            for part in header.split(separator: ";") {
                let kv = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if kv.count == 2, kv[0] == name { return String(kv[1]) }
            }
        }
        return nil
    }

    /// The browser's address: the peer's, or behind a proxy on this host (a loopback peer), the
    /// last one `X-Forwarded-For` names (the address the proxy itself saw; earlier ones are the
    /// client's word). The sign-in rate limit counts failures by it.
    var client: String {
        guard remote == "127.0.0.1" || remote == "::1",
              let forwarded = head.headers["X-Forwarded-For"].last?.split(separator: ",").last else { return remote }
        let address = forwarded.trimmingCharacters(in: .whitespaces)
        return address.isEmpty ? remote : address
    }

    /// A browser's request from another site (CSRF): its `Origin` names another host than the one it
    /// asked. Requests without `Origin` (curl, scripts) are not a browser's cross-site request.
    var isCrossSite: Bool { Self.isCrossSite(head) }

    static func isCrossSite(_ head: HTTPRequestHead) -> Bool {
        guard let origin = head.headers.first(name: "Origin") else { return false }
        guard let host = head.headers.first(name: "Host") else { return true }
        let stripped = origin.split(separator: "://", maxSplits: 1).last.map(String.init) ?? origin
        return stripped.lowercased() != host.lowercased()
    }
}

/// A refusal is the response to send instead (`Result<_, HTTPResponse>`).
extension HTTPResponse: Error {}

/// Response parts with `ByteBuffer` bodies, as NIOHTTP1's encoder wants them (`IOData`).
final class ByteBufferResponseParts: ChannelOutboundHandler, Sendable {
    typealias OutboundIn = HTTPPart<HTTPResponseHead, ByteBuffer>
    typealias OutboundOut = HTTPServerResponsePart

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head): context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body(let buffer): context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: promise)
        case .end(let trailers): context.write(wrapOutboundOut(.end(trailers)), promise: promise)
        }
    }
}
