import Foundation
import HuizongClient
import HuizongConsole
import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import Logging
import NIOPosix
import Testing

/// The web console over real sockets against a real daemon and PostgreSQL: sign-in and its cookie,
/// the rate limit, the headers every page carries, an upload answered row by row as `huizong
/// submit` answers it, the printable report, and the WebSocket that is one more NDJSON connection
/// (its Origin checked, the office's authority the socket's, a revoked office's session ended).
@Suite(.timeLimit(.minutes(3))) struct ConsoleTests {
    @Test func signInIsRateLimitedPerAddressAndTheTokenIsNeverLogged() async throws {
        try await withConsole { server, port in
            let token = try server.addOffice("330902", role: .county, region: "330902")
            let http = HTTPClient(port: port)

            // Signed out: the page loads (no inline script allowed), the API says so.
            let page = try await http.send("GET", "/")
            #expect(page.status == 200 && page.body.contains("lang=\"zh-CN\""))
            #expect(page.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
            #expect(page.header("X-Frame-Options") == "DENY")
            #expect(try await http.send("GET", "/api/me").status == 401)

            // A wrong token, five times: refused each time, then the address waits even with the right one.
            for _ in 0..<5 {
                let wrong = try await http.send("POST", "/api/signin", body: #"{"office":"330902","token":"nope"}"#)
                #expect(wrong.status == 401 && wrong.body.contains("机构代码或令牌不正确"))
            }
            let limited = try await http.send("POST", "/api/signin", body: "{\"office\":\"330902\",\"token\":\"\(token)\"}")
            #expect(limited.status == 429 && limited.header("Retry-After") != nil, "\(limited.status) \(limited.body)")
            // Behind a proxy on this host, each browser is counted by the address the proxy saw.
            let proxied = try await http.send("POST", "/api/signin", body: "{\"office\":\"330902\",\"token\":\"\(token)\"}",
                                              headers: ["X-Forwarded-For: 10.0.0.5"])
            #expect(proxied.status == 200, "\(proxied.status) \(proxied.body)")
            let logged = CapturingLogHandler.lines.withLockedValue { $0 }
            #expect(logged.contains { $0.contains("sign-in refused") }, "\(logged)")
            #expect(!logged.contains { $0.contains(token) }, "the token is never logged")
        }
    }

    @Test func uploadReportAndWebSocket() async throws {
        try await withConsole { server, port in
            let token = try server.addOffice("330902", role: .county, region: "330902")
            let http = HTTPClient(port: port)
            let signin = try await http.send("POST", "/api/signin", body: "{\"office\":\"330902\",\"token\":\"\(token)\"}")
            #expect(signin.status == 200 && signin.body.contains("定海区"), "\(signin.body)")
            let setCookie = try #require(signin.header("Set-Cookie"))
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && !setCookie.contains(token))
            let cookie = String(setCookie.prefix { $0 != ";" })
            #expect(try await http.send("GET", "/api/me", cookie: cookie).body.contains(#""role":"county""#))

            // A CSV in GB18030 with one misspelt indicator: its month held back, both rows reported.
            let csv = "地区,时期,指标,本年累计,同比增长\n定海区,2023-10,规上工业增加值,100.5,5.1\n定海区,2023-10,规上工业利润,300,4\n"
            let gb = try gb18030(csv)
            let held = try await http.send("POST", "/api/submit?name=%E5%AE%9A%E6%B5%B7.csv", body: gb, cookie: cookie)
            #expect(held.status == 200, "\(held.body)")
            let report = try JSONParser.parse(Array(held.body.utf8))
            #expect(report["refused"]?.text == "2" && report["accepted"]?.text == "0", "\(held.body)")
            #expect(held.body.contains("规上工业利润") && held.body.contains("unknown_indicator") && held.body.contains("定海.csv"))
            #expect(report["report_csv"]?.text?.hasPrefix("\u{FEFF}地区,时期,指标") == true)

            // Corrected: accepted, stored exactly; the same file again counts nothing twice.
            let good = "地区,时期,指标,本年累计,同比增长\n定海区,2023-10,规上工业增加值,100.50,5.1\n"
            let accepted = try await http.send("POST", "/api/submit?name=good.csv", body: Array(good.utf8), cookie: cookie)
            #expect(accepted.body.contains(#""accepted":1"#), "\(accepted.body)")
            #expect(try await http.send("POST", "/api/submit?name=good.csv", body: Array(good.utf8), cookie: cookie).body.contains(#""duplicate":1"#))
            #expect(try server.sql("SELECT ytd::text FROM figures WHERE region = '330902' AND period = '2023-10-01'") == [["100.50"]])
            // Without the cookie, or from another site, nothing is read or stored.
            #expect(try await http.send("POST", "/api/submit?name=x.csv", body: Array(good.utf8)).status == 401)
            #expect(try await http.send("POST", "/api/submit?name=x.csv", body: Array(good.utf8), cookie: cookie, origin: "http://evil.example").status == 403)

            // The report page, for a region the county may read; another county's is refused.
            let page = try await http.send("GET", "/report?region=330902&period=2023-10", cookie: cookie)
            #expect(page.status == 200 && page.body.contains("定海区") && !page.body.contains("<script"), "\(page.status)")
            #expect(try await http.send("GET", "/report?region=330903&period=2023-10", cookie: cookie).status == 403)
            // The same as a workbook: one sheet per section, numbers as numbers.
            let book = try await http.sendBytes("GET", "/report.xlsx?region=330902&period=2023-10", cookie: cookie)
            #expect(book.status == 200 && book.header("Content-Disposition")?.contains("attachment") == true)
            #expect(try XLSX.sheetNames(book.bytes) == ["主要指标", "各地完成情况", "待核冲突", "报送情况", "数据质量"])
            let main = try XLSX.read(book.bytes, sheet: "主要指标")
            #expect(main.first?.first == "指标" && main.contains { $0.first == "规上工业增加值" && $0.contains("100.5") }, "\(main)")

            // The WebSocket: refused from another site and without a session; with one, the protocol.
            await #expect(throws: (any Error).self) { try await WebSocketClient.open(port: port, cookie: cookie, origin: "http://evil.example") }
            await #expect(throws: (any Error).self) { try await WebSocketClient.open(port: port, cookie: nil, origin: "http://127.0.0.1:\(port)") }
            let ws = try await WebSocketClient.open(port: port, cookie: cookie, origin: "http://127.0.0.1:\(port)")
            try await ws.send(#"{"type":"query","id":"q","region":"330902","period":"2023-10"}"#)
            let result = try await ws.receive()
            #expect(result.contains(#""id":"q""#) && result.contains(#""ytd":"100.50""#), "\(result)")
            try await ws.send(#"{"type":"query","id":"f","region":"330903","period":"2023-10"}"# + "\n" + #"{"type":"ping","id":"p"}"#)
            #expect(try await ws.receive().contains(#""code":"forbidden""#))
            #expect(try await ws.receive().contains(#""type":"pong""#))

            // Revoked: the open WebSocket is told and closed, the cookie no longer opens anything.
            try OfficeStore.revoke(try Connection(server.conninfo), code: "330902")
            let farewell = try await ws.receive()
            #expect(farewell.contains("unauthenticated"), "\(farewell)")
            #expect(try await http.send("GET", "/api/me", cookie: cookie).status == 401)

            // Signing out ends the session.
            let second = try server.addOffice("330903", role: .county, region: "330903")
            let other = try await http.send("POST", "/api/signin", body: "{\"office\":\"330903\",\"token\":\"\(second)\"}")
            let otherCookie = String(try #require(other.header("Set-Cookie")).prefix { $0 != ";" })
            #expect(try await http.send("POST", "/api/signout", cookie: otherCookie).status == 204)
            #expect(try await http.send("GET", "/api/me", cookie: otherCookie).status == 401)
        }
    }
}

/// A test server with the console on a free port.
func withConsole(_ body: (TestServer, Int) async throws -> Void) async throws {
    try await withServer { server in
        let console = Console(configuration: ConsoleConfiguration(host: "127.0.0.1", port: 0), services: server.services,
                              server: server.application.server, logger: Logger(label: "console") { _ in CapturingLogHandler() })
        let bound = try await console.bind(group: MultiThreadedEventLoopGroup.singleton)
        let serving = Task { await console.serve(bound) }
        defer { console.shutdown(); serving.cancel() }
        try await body(server, bound.port)
        console.shutdown()
        await serving.value
    }
}
