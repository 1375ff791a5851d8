import HuizongCore

/// Encoders for every reply of PROTOCOL.md. Each returns one line including its `\n`.
public enum Reply {
    public static let protocolVersion = 1

    public static func welcome(id: String?, office: Office, server: String) -> [UInt8] {
        var w = header("welcome", id)
        w.string("office", office.code)
        w.string("role", office.role.rawValue)
        w.string("region", office.region)
        w.int("protocol", protocolVersion)
        w.string("server", server)
        return line(w)
    }

    public static func pong(id: String?) -> [UInt8] { line(header("pong", id)) }

    public static func ack(id: String?, key: String, status: String, revision: Int, warnings: [Issue]) -> [UInt8] {
        var w = header("ack", id)
        w.string("key", key)
        w.string("status", status)
        w.int("revision", revision)
        w.array("warnings", warnings.map(issue))
        return line(w)
    }

    public static func error(id: String?, code: ErrorCode, message: String, issues: [Issue] = []) -> [UInt8] {
        var w = header("error", id)
        w.string("code", code.rawValue)
        w.string("message", message)
        w.bool("retryable", code.retryable)
        w.array("errors", issues.map(issue))
        return line(w)
    }

    public static func error(_ e: RequestError) -> [UInt8] {
        error(id: e.id, code: e.code, message: e.message, issues: e.issues)
    }

    public static func result(id: String?, figures: [StoredFigure]) -> [UInt8] {
        var w = header("result", id)
        w.array("figures", figures.map(figure))
        return line(w)
    }

    static func figure(_ stored: StoredFigure) -> [UInt8] {
        let f = stored.figure
        var w = JSONObjectWriter()
        w.string("region", stored.region)
        w.string("period", stored.period.description)
        w.string("indicator", f.indicator)
        w.decimal("value", stored.headline)
        w.decimal("own", stored.headline)
        w.null("sum")
        w.string("status", "complete")
        w.null("conflict")
        switch stored.kind {
        case .flow:
            w.decimal("ytd", f.ytd)
            w.decimal("month", f.month)
        case .stock:
            break
        case .ratio:
            w.decimal("num", f.num)
            w.decimal("den", f.den)
        }
        w.decimal("yoy", f.yoy)
        w.string("note", f.note)
        w.int("revision", stored.revision)
        w.string("office", stored.office)
        w.string("updated_at", stored.updatedAt)
        return w.finish()
    }

    static func issue(_ i: Issue) -> [UInt8] {
        var w = JSONObjectWriter()
        w.string("path", i.path)
        w.string("code", i.code)
        w.string("message", i.message)
        return w.finish()
    }

    static func header(_ type: String, _ id: String?) -> JSONObjectWriter {
        var w = JSONObjectWriter()
        w.string("type", type)
        w.string("id", id)
        return w
    }

    static func line(_ w: JSONObjectWriter) -> [UInt8] { w.finish() + [0x0A] }
}
