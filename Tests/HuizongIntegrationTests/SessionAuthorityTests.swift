import Foundation
import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import Testing

@Suite(.timeLimit(.minutes(2))) struct SessionAuthorityTests {
    @Test func onlyHelloAndPingBeforeHello() async throws {
        try await withServer() { server in
            let client = try await server.unixClient()
            #expect(try await client.request(#"{"type":"ping","id":"p"}"#).type == "pong")
            #expect(try await client.request(linhaiOctober()).code == "unauthenticated")
            #expect(try await client.request(#"{"type":"query","id":"q","region":"331082","period":"2022-10"}"#).code == "unauthenticated")
            _ = try server.addOffice("331082", role: .county)
            #expect(try await client.request(#"{"type":"hello","id":"h","office":"331082","token":"hz_wrong"}"#).code == "unauthenticated")
            #expect(try await client.request(#"{"type":"hello","id":"h","office":"nobody","token":"x"}"#).code == "unauthenticated")
            #expect(try server.sql("SELECT count(*) FROM submissions") == [["0"]])
        }
    }

    @Test func welcomeNamesTheOfficeAndRole() async throws {
        try await withServer() { server in
            let token = try server.addOffice("330900", role: .city)
            let client = try await server.unixClient()
            let welcome = try await client.request(#"{"type":"hello","id":"1","office":"330900","token":"\#(token)"}"#)
            #expect(welcome.type == "welcome")
            #expect(welcome["id"]?.string == "1")
            #expect(welcome["office"]?.string == "330900")
            #expect(welcome["role"]?.string == "city")
            #expect(welcome["protocol"] == .number("1"))
            #expect(welcome["server"]?.string?.hasPrefix("huizongd/") == true)
        }
    }

    @Test func aCountyNeitherWritesNorReadsOutsideItsRegion() async throws {
        try await withServer() { server in
            let dinghai = try await server.client(office: "330902")
            let linhai = try await server.client(office: "331082")
            #expect(try await linhai.request(linhaiOctober())["status"]?.string == "accepted")

            let write = try await dinghai.request(linhaiOctober(key: "dinghai-pretends"))
            #expect(write.code == "forbidden")
            #expect(write["retryable"] == .bool(false))
            #expect(try await dinghai.request(#"{"type":"query","id":"q","region":"331082","period":"2022-10"}"#).code == "forbidden")
            #expect(try await dinghai.request(#"{"type":"query","id":"q","region":"330900","period":"2022-10"}"#).code == "forbidden")
            // Forbidden leaves no trace.
            #expect(try server.sql("SELECT office FROM submissions") == [["331082"]])
        }
    }

    @Test func aCityReadsItsCountiesButSubmitsOnlyItsOwnFigures() async throws {
        try await withServer() { server in
            let linhai = try await server.client(office: "331082")
            #expect(try await linhai.request(linhaiOctober())["status"]?.string == "accepted")
            let taizhou = try await server.client(office: "331000", role: .city)
            let result = try await taizhou.request(#"{"type":"query","id":"q","region":"331082","period":"2022-10"}"#)
            #expect(result.type == "result")
            #expect(result["figures"]?.array.count == 3)
            let children = try await taizhou.request(#"{"type":"query","id":"q","region":"331000","period":"2022-10","children":true}"#)
            #expect(children["figures"]?.array.contains { $0["region"]?.string == "331082" } == true)
            #expect(try await taizhou.request(linhaiOctober(key: "city-pretends")).code == "forbidden")
            let zhoushan = try await server.client(office: "330900", role: .city)
            #expect(try await zhoushan.request(#"{"type":"query","id":"q","region":"331082","period":"2022-10"}"#).code == "forbidden")
        }
    }

    @Test func aRevokedOfficeCannotSayHello() async throws {
        try await withServer() { server in
            let token = try server.addOffice("331082", role: .county)
            try OfficeStore.revoke(try Connection(server.conninfo), code: "331082")
            let client = try await server.unixClient()
            #expect(try await client.request(#"{"type":"hello","office":"331082","token":"\#(token)"}"#).code == "unauthenticated")
            // Only a hash of the token is stored.
            let stored = try server.sql("SELECT encode(token_hash, 'hex') FROM offices")
            #expect(stored == [[SHA256.hex(SHA256.hash(Array(token.utf8)))]])
            #expect(try server.sql("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", [token]) == stored)
        }
    }

    @Test func officeRolesMustFitTheirRegion() async throws {
        let c = try Connection(try TestCluster.shared.newDatabase())
        #expect(throws: OfficeStore.Failure.self) { try OfficeStore.add(c, code: "330900", role: .county, region: nil) }
        #expect(throws: OfficeStore.Failure.self) { try OfficeStore.add(c, code: "999999", role: .county, region: nil) }
        _ = try OfficeStore.add(c, code: "331082", role: .county, region: nil)
        #expect(throws: OfficeStore.Failure.self) { try OfficeStore.add(c, code: "331082", role: .county, region: nil) }
        #expect(try OfficeStore.list(c).map(\.office.code) == ["331082"])
    }
}
