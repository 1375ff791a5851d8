import HuizongCore
import HuizongPostgres

#if canImport(Glibc)
import Glibc
#endif

/// Offices and their tokens. A token is shown once, at creation; only its SHA-256 is stored.
public enum OfficeStore {
    public struct Listing: Sendable {
        public let office: Office
        public let createdAt: String
        public let revokedAt: String?
    }

    public enum Failure: Error, CustomStringConvertible {
        case unknownRegion(String)
        case exists(String)
        case notFound(String)
        case badRole(String)

        public var description: String {
            switch self {
            case .unknownRegion(let r): return "unknown region \(r)"
            case .exists(let o): return "office \(o) already exists (revoke it first to issue a new token)"
            case .notFound(let o): return "no active office \(o)"
            case .badRole(let m): return m
            }
        }
    }

    /// Creates an office and returns its token. `region` defaults to `code` for non-admin roles.
    public static func add(_ c: Connection, code: String, role: Role, region: String?) throws -> String {
        let region = role == .admin ? region : (region ?? code)
        if let region {
            guard let level = try c.execute("SELECT level FROM regions WHERE code = $1", [region]).scalar else {
                throw Failure.unknownRegion(region)
            }
            // county, city and province offices report for a region of that level
            if role != .admin, role.rawValue != level {
                throw Failure.badRole("region \(region) is a \(level), not a \(role.rawValue): use --role \(level)")
            }
        }
        let token = newToken()
        let inserted = try c.execute("""
            INSERT INTO offices (code, region, role, token_hash) VALUES ($1, $2, $3, $4::bytea)
            ON CONFLICT (code) DO UPDATE SET region = EXCLUDED.region, role = EXCLUDED.role,
                token_hash = EXCLUDED.token_hash, created_at = now(), revoked_at = NULL
            WHERE offices.revoked_at IS NOT NULL
            """, [code, region, role.rawValue, PGText.bytea(SHA256.hash(Array(token.utf8)))])
        guard inserted.affected == 1 else { throw Failure.exists(code) }
        return token
    }

    public static func list(_ c: Connection) throws -> [Listing] {
        try c.execute("""
            SELECT code, region, role, to_char(created_at, 'YYYY-MM-DD HH24:MI:SS'),
                   to_char(revoked_at, 'YYYY-MM-DD HH24:MI:SS')
            FROM offices ORDER BY code
            """).rows.compactMap { r in
            guard let role = Role(rawValue: r[2] ?? "") else { return nil }
            return Listing(office: Office(code: r[0]!, region: r[1], role: role), createdAt: r[3]!, revokedAt: r[4])
        }
    }

    /// The channel on which every daemon hears of a revoked office and ends its sessions.
    public static let revokedChannel = "huizong_offices"

    public static func revoke(_ c: Connection, code: String) throws {
        let r = try c.execute("""
            WITH revoked AS (UPDATE offices SET revoked_at = now() WHERE code = $1 AND revoked_at IS NULL RETURNING code)
            SELECT pg_notify($2, code) FROM revoked
            """, [code, revokedChannel])
        guard r.rows.count == 1 else { throw Failure.notFound(code) }
    }

    /// The office if the token is right and not revoked.
    public static func authenticate(_ c: Connection, code: String, token: String) throws -> Office? {
        let rows = try c.execute("""
            SELECT code, region, role FROM offices
            WHERE code = $1 AND token_hash = $2::bytea AND revoked_at IS NULL
            """, [code, PGText.bytea(SHA256.hash(Array(token.utf8)))]).rows
        guard let r = rows.first, let role = Role(rawValue: r[2] ?? "") else { return nil }
        return Office(code: r[0]!, region: r[1], role: role)
    }

    /// 32 random bytes from the kernel, hex, with a prefix that makes a leaked token easy to grep for.
    static func newToken() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var g = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = g.next() }
        return "hz_" + SHA256.hex(bytes)
    }
}
