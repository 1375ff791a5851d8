import HuizongProtocol

/// Reading the daemon's answers: members by name, arrays, scalars as text.
extension JSON {
    public func member(_ key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var elements: [JSON] {
        if case .array(let a) = self { return a }
        return []
    }

    public var isString: Bool {
        if case .string = self { return true }
        return false
    }

    /// A scalar as text (nil for null, an array or an object).
    public var text: String? {
        switch self {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .number(let n), .string(let n): return n
        default: return nil
        }
    }
}
