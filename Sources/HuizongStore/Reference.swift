import HuizongCore
import HuizongPostgres
import Logging
import Synchronization

/// The reference data every part of the daemon reads — the region tree, the indicator catalog and
/// the validator built on it — replaced whole when an administrator extends it (PROTOCOL.md v1.1:
/// every daemon on the database knows a new indicator or region within 5 seconds). A reader takes
/// one snapshot per request or batch, so that it never sees half of a change.
public final class Reference: Sendable {
    public struct Snapshot: Sendable {
        public let tree: RegionTree
        public let catalog: Catalog
        public let validator: Validator
        public let groups: PeerGroups
        /// `reference_version` when it was read (0: not read from a database).
        public let version: Int64

        public init(tree: RegionTree, catalog: Catalog, groups: PeerGroups = PeerGroups(), version: Int64 = 0) {
            self.tree = tree
            self.catalog = catalog
            self.validator = Validator(catalog: catalog)
            self.groups = groups
            self.version = version
        }
    }

    private let state: Mutex<Snapshot>

    public init(tree: RegionTree, catalog: Catalog, groups: PeerGroups = PeerGroups(), version: Int64 = 0) {
        state = Mutex(Snapshot(tree: tree, catalog: catalog, groups: groups, version: version))
    }

    public var current: Snapshot { state.withLock { $0 } }
    public var tree: RegionTree { current.tree }
    public var catalog: Catalog { current.catalog }

    /// Reads the reference data again if its version moved; true when it did.
    @discardableResult
    public func refresh(_ c: Connection) throws -> Bool {
        let version = try ReferenceStore.version(c)
        guard version != current.version else { return false }
        let fresh = Snapshot(tree: try ReferenceStore.regions(c), catalog: try ReferenceStore.catalog(c),
                             groups: try ReferenceStore.groups(c), version: version)
        state.withLock { if fresh.version > $0.version { $0 = fresh } }  // never back to an older read
        return true
    }
}

extension Reference {
    /// The reference data as the database holds it now (a connection of its own, closed after).
    public static func read(_ conninfo: String) throws -> Reference {
        let c = try Connection(conninfo)
        return Reference(tree: try ReferenceStore.regions(c), catalog: try ReferenceStore.catalog(c), groups: try ReferenceStore.groups(c),
                         version: try ReferenceStore.version(c))
    }
}
