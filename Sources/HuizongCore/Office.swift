/// An office's role decides its authority (PROTOCOL.md, "Authentication and authority").
public enum Role: String, Sendable, CaseIterable {
    case county, city, province, admin
}

/// A reporting office bound to one region (an admin may have none).
public struct Office: Sendable, Hashable {
    public let code: String
    public let region: String?
    public let role: Role

    public init(code: String, region: String?, role: Role) {
        self.code = code
        self.region = region
        self.role = role
    }

    /// Every office submits for its own region only: a city submits the city's own figures, never its
    /// districts'. An admin may submit anywhere.
    public func maySubmit(for region: String) -> Bool {
        role == .admin || region == self.region
    }

    /// Locking periods, resolving conflicts and setting targets: a city or province for anything under
    /// it, an admin anywhere; never a county.
    public func mayGovern(_ region: String, in tree: RegionTree) -> Bool {
        role != .county && mayRead(region, in: tree)
    }

    /// Reviewing a month (PROTOCOL.md v1.2): an office of a region above it, or an admin; never a
    /// county, never an office its own region.
    public func mayReview(_ region: String, in tree: RegionTree) -> Bool {
        switch role {
        case .admin: return true
        case .county: return false
        case .city, .province:
            guard let own = self.region, own != region else { return false }
            return tree.isWithin(region, own)
        }
    }

    /// A county reads its own region; a city or province anything under it; an admin everything.
    public func mayRead(_ region: String, in tree: RegionTree) -> Bool {
        switch role {
        case .admin: return true
        case .county: return region == self.region
        case .city, .province:
            guard let own = self.region else { return false }
            return tree.isWithin(region, own)
        }
    }
}
