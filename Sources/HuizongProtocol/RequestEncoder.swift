import HuizongCore

/// Encodes requests as a client sends them: for the CLI, the benchmark driver and tests.
public enum RequestEncoder {
    public static func hello(id: String?, office: String, token: String) -> [UInt8] {
        var w = JSONObjectWriter()
        w.string("type", "hello")
        w.string("id", id)
        w.string("office", office)
        w.string("token", token)
        return w.finish() + [0x0A]
    }

    /// A submit line; numbers go as strings, exactly as written.
    public static func submit(id: String?, _ s: Submission, dryRun: Bool = false) -> [UInt8] {
        var w = JSONObjectWriter()
        w.string("type", "submit")
        w.string("id", id)
        w.string("key", s.key)
        w.string("region", s.region)
        w.string("period", s.period.description)
        w.int("revision", s.revision)
        if dryRun { w.bool("dry_run", true) }
        w.array("figures", s.figures.map { f in
            var fw = JSONObjectWriter()
            fw.string("indicator", f.indicator)
            for field in FigureInput.numericFields {
                if let v = field.get(f) { fw.decimal(field.name, v) }
            }
            if let note = f.note { fw.string("note", note) }
            if let unit = f.unit { fw.string("unit", unit) }
            return fw.finish()
        })
        return w.finish() + [0x0A]
    }
}
