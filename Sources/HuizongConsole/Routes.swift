import Foundation
import HuizongClient
import HuizongCore
import HuizongProtocol
import HuizongServer
import NIOCore
import NIOHTTP1

/// The console's HTTP side: its pages, sign-in and sign-out, the upload, the printable report.
extension Console {
    static let cookieName = "hz_session"

    struct SignedIn: Sendable {
        let id: String
        let office: Office
    }

    /// Requests one after another on a kept-alive connection. A body over its limit is answered 413
    /// and the connection closed; an upload that cannot be taken (not signed in, from another site,
    /// too many at once) is answered from its head, before its body is read.
    func serveHTTP(_ inbound: NIOAsyncChannelInboundStream<HTTPServerRequestPart>,
                   _ outbound: NIOAsyncChannelOutboundWriter<HTTPPart<HTTPResponseHead, ByteBuffer>>,
                   channel: any Channel, remote: String) async throws {
        var head: HTTPRequestHead?
        var body = ByteBuffer()
        var tooLarge = false
        var holdsUpload = false
        func respond(_ response: HTTPResponse, keepAlive: Bool) async throws {
            try await outbound.write(contentsOf: [.head(response.head(keepAlive: keepAlive)), .body(ByteBuffer(bytes: response.body)), .end(nil)])
        }
        defer { if holdsUpload { uploads.subtract(1, ordering: .relaxed) } }
        for try await part in inbound {
            switch part {
            case .head(let h):
                head = h
                body = ByteBuffer()
                _ = markBusy(channel, true)
                let declared = h.headers.first(name: "Content-Length").flatMap(Int.init) ?? 0
                tooLarge = declared > limit(for: h)
                if h.method == .POST, h.uri.hasPrefix("/api/submit") {
                    if let refusal = uploadRefusal(HTTPRequest(head: h, body: ByteBuffer(), remote: remote)) {
                        try await respond(refusal, keepAlive: false)
                        return
                    }
                    holdsUpload = true
                }
            case .body(var chunk):
                guard let h = head, !tooLarge else { continue }
                if body.readableBytes + chunk.readableBytes > limit(for: h) { tooLarge = true; body = ByteBuffer() } else { body.writeBuffer(&chunk) }
            case .end:
                guard let h = head else {
                    // A WebSocket upgrade declined (NIO passes on its end without its head): refused.
                    try await respond(.error(.forbidden, "forbidden", "WebSocket 仅限本站已登录的页面（请先登录）"), keepAlive: false)
                    return
                }
                let response = tooLarge
                    ? HTTPResponse.error(.payloadTooLarge, "too_large", "文件或请求过大（上限 \(Self.size(limit(for: h)))）")
                    : await route(HTTPRequest(head: h, body: body, remote: remote))
                if holdsUpload { uploads.subtract(1, ordering: .relaxed); holdsUpload = false }
                let stillServing = markBusy(channel, false)
                let keepAlive = h.isKeepAlive && !tooLarge && stillServing
                try await respond(response, keepAlive: keepAlive)
                if !keepAlive { return }
                head = nil
            }
        }
    }

    static func size(_ bytes: Int) -> String { bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB" }

    /// At most this many uploads are read and answered at once (each holds its file in memory).
    static let maxUploads = 2

    /// Why an upload is refused from its head alone (nil: read it); takes an upload's place if not.
    private func uploadRefusal(_ request: HTTPRequest) -> HTTPResponse? {
        if request.isCrossSite { return .error(.forbidden, "cross_site", "拒绝来自其他网站的请求") }
        guard let id = request.cookie(Self.cookieName), signIns.lookup(id) != nil else {
            return .error(.unauthorized, "unauthenticated", "请先登录")
        }
        guard uploads.add(1, ordering: .relaxed).newValue <= Self.maxUploads else {
            uploads.subtract(1, ordering: .relaxed)
            return HTTPResponse.error(.serviceUnavailable, "busy", "正在处理其他上传，请稍后再试").with("Retry-After", "5")
        }
        return nil
    }

    private func limit(for head: HTTPRequestHead) -> Int {
        head.uri.hasPrefix("/api/submit") ? configuration.maxUploadBytes : configuration.maxRequestBytes
    }

    func route(_ request: HTTPRequest) async -> HTTPResponse {
        let method = request.head.method
        if method == .POST, request.isCrossSite {
            return .error(.forbidden, "cross_site", "拒绝来自其他网站的请求")
        }
        switch (method, request.path) {
        case (.GET, "/"), (.GET, "/index.html"): return Self.asset(Assets.indexHTML, "text/html; charset=utf-8")
        case (.GET, "/app.js"): return Self.asset(Assets.appJS, "text/javascript; charset=utf-8")
        case (.GET, "/app.css"): return Self.asset(Assets.appCSS, "text/css; charset=utf-8")
        case (.GET, "/api/me"): return await me(request)
        case (.POST, "/api/signin"): return await signIn(request)
        case (.POST, "/api/signout"): return signOut(request)
        case (.POST, "/api/submit"): return await upload(request)
        case (.GET, "/report"): return await report(request, as: .html)
        case (.GET, "/report.xlsx"): return await report(request, as: .xlsx)
        case (.GET, "/ws"):
            return .error(.forbidden, "forbidden", "WebSocket 仅限本站已登录的页面（请先登录）")
        case (_, "/"), (_, "/app.js"), (_, "/app.css"), (_, "/api/me"), (_, "/api/signin"), (_, "/api/signout"), (_, "/api/submit"), (_, "/report"), (_, "/report.xlsx"):
            return .error(.methodNotAllowed, "method_not_allowed", "不支持的请求方法 \(method)")
        default:
            return .error(.notFound, "not_found", "没有这个页面：\(request.path)")
        }
    }

    static func asset(_ bytes: [UInt8], _ type: String) -> HTTPResponse {
        HTTPResponse(status: .ok, type: type, body: bytes, cache: "no-cache")
    }

    /// The signed-in office of a request: its cookie names a live session, and the office's token
    /// still opens it (a revoked office is signed out at its next request).
    func signedIn(_ request: HTTPRequest) async -> Result<SignedIn, HTTPResponse> {
        guard let id = request.cookie(Self.cookieName), let signed = signIns.lookup(id) else {
            return .failure(.error(.unauthorized, "unauthenticated", "请先登录"))
        }
        do {
            guard let office = try await services.readers.authenticate(code: signed.code, token: signed.token) else {
                signIns.close(office: signed.code)
                return .failure(.error(.unauthorized, "unauthenticated", "该机构的令牌已失效，请重新登录"))
            }
            return .success(SignedIn(id: id, office: office))
        } catch {
            return .failure(.error(.serviceUnavailable, "unavailable", "数据库暂时不可用，请稍后再试"))
        }
    }

    private func me(_ request: HTTPRequest) async -> HTTPResponse {
        switch await signedIn(request) {
        case .failure(let response): return response
        case .success(let signed): return .json(.ok, describe(signed.office))
        }
    }

    func describe(_ office: Office) -> [UInt8] {
        var w = JSONObjectWriter()
        w.string("office", office.code)
        w.string("role", office.role.rawValue)
        w.string("region", office.region)
        w.string("name", office.region.flatMap { services.regions[$0]?.name })
        return w.finish()
    }

    private func signIn(_ request: HTTPRequest) async -> HTTPResponse {
        if let wait = signIns.lockedOut(request.client) {
            let seconds = max(1, Int(wait.components.seconds))
            return HTTPResponse.error(.tooManyRequests, "rate_limited", "登录失败次数过多，请 \(seconds) 秒后再试").with("Retry-After", "\(seconds)")
        }
        guard let json = try? JSONParser.parse(Array(request.body.readableBytesView)),
              let code = json.member("office")?.text, let token = json.member("token")?.text, !code.isEmpty, !token.isEmpty else {
            return .error(.badRequest, "bad_request", "请填写机构代码和令牌")
        }
        do {
            guard let office = try await services.readers.authenticate(code: code, token: token) else {
                signIns.failed(request.client)
                // The office as typed, unless it looks like a token pasted in the wrong field.
                let typed = code.hasPrefix("hz_") || code.count > 32 ? "(not an office code)" : code
                logger.notice("console sign-in refused", metadata: ["office": "\(typed)", "address": "\(request.client)"])
                return .error(.unauthorized, "unauthenticated", "机构代码或令牌不正确")
            }
            signIns.succeeded(request.client)
            let id = signIns.open(code: office.code, token: token)
            logger.info("console sign-in", metadata: ["office": "\(office.code)", "address": "\(request.client)"])
            return HTTPResponse.json(.ok, describe(office)).with("Set-Cookie", cookie(id, request: request, maxAge: Int(configuration.sessionLifetime.components.seconds)))
        } catch {
            return .error(.serviceUnavailable, "unavailable", "数据库暂时不可用，请稍后再试")
        }
    }

    private func signOut(_ request: HTTPRequest) -> HTTPResponse {
        if let id = request.cookie(Self.cookieName) {
            signIns.close(id)
            closeWebSockets(of: id)
        }
        return HTTPResponse.noContent.with("Set-Cookie", cookie("", request: request, maxAge: 0))
    }

    /// `Secure` when the browser came over HTTPS through a proxy that says so (Deploy/README: TLS).
    private func cookie(_ value: String, request: HTTPRequest, maxAge: Int) -> String {
        let secure = request.head.headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https" ? "; Secure" : ""
        return "\(Self.cookieName)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secure)"
    }

    /// Requests answered inside the daemon as the office's own connection would answer them.
    func ask(_ office: Office, _ requests: [[UInt8]]) async -> [JSON] {
        await LocalSession.exchange(requests, office: office, services: services).map { (try? JSONParser.parse($0)) ?? .null }
    }

    static func request(_ type: String, _ fill: (inout JSONObjectWriter) -> Void = { _ in }) -> [UInt8] {
        var w = JSONObjectWriter()
        w.string("type", type)
        fill(&w)
        return w.finish()
    }

    enum ReportFormat { case html, xlsx }

    /// RFC 5987's attr-char: ASCII letters, digits and !#$&+-.^_`|~; everything else percent-encoded.
    static let attrChars = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")

    /// `huizong report`'s page (or its workbook), built from the same six answers.
    private func report(_ request: HTTPRequest, as format: ReportFormat) async -> HTTPResponse {
        let signed: SignedIn
        switch await signedIn(request) {
        case .failure(let response): return response
        case .success(let s): signed = s
        }
        let q = request.query
        guard let region = q["region"], !region.isEmpty, let text = q["period"], let period = Period(text) else {
            return .error(.badRequest, "bad_request", "需要 region（地区代码）和 period（YYYY-MM）")
        }
        let answers = await ask(signed.office, [
            Self.request("query") { $0.string("region", region); $0.string("period", text); $0.bool("children", true) },
            Self.request("conflicts") { $0.string("region", region); $0.string("period", text) },
            Self.request("completeness") { $0.string("region", region); $0.string("period", text) },
            Self.request("catalog"),
            Self.request("regions") { $0.string("region", region) },
            Self.request("outliers") { $0.string("region", region); $0.string("period", text) },
        ])
        guard answers.count == 6 else { return .error(.unauthorized, "unauthenticated", "会话已结束，请重新登录") }
        if let refused = answers.first(where: { $0.member("type")?.text == "error" }) {
            let code = refused.member("code")?.text ?? "error"
            return .error(code == "forbidden" ? .forbidden : code == "unavailable" ? .serviceUnavailable : .badRequest,
                          code, Messages.explain(code))
        }
        let page = MonthReport(region: region, period: period, figures: answers[0], conflicts: answers[1], completeness: answers[2],
                               catalog: answers[3], regions: answers[4], outliers: answers[5], chartIndicator: q["chart"], generatedAt: MonthReport.stamp(Date()))
        switch format {
        case .html:
            return HTTPResponse(status: .ok, type: "text/html; charset=utf-8", body: Array(page.html().utf8), policy: HTTPResponse.reportPolicy)
        case .xlsx:
            guard let bytes = try? page.workbook().data() else { return .error(.internalServerError, "internal_error", "无法生成工作簿") }
            let file = "完成情况表-\(region)-\(text).xlsx"
            return HTTPResponse(status: .ok, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: bytes)
                .with("Content-Disposition", "attachment; filename=\"report-\(region)-\(text).xlsx\"; filename*=UTF-8''\(file.addingPercentEncoding(withAllowedCharacters: Self.attrChars) ?? file)")
        }
    }
}
