import HuizongCore
import NIOCore
import Synchronization

/// A session inside the daemon: requests answered as a connection of `office` would answer them,
/// by the same `Session`, with the same authority and rules. The console sends an uploaded file's
/// submissions this way (the file is read in the daemon, so no browser reimplements the reader).
public enum LocalSession {
    /// The replies to `lines`, in order (blank lines get none). Fewer replies than requests means the
    /// session ended early (the office revoked, or the daemon stopping); a revoked office's farewell
    /// is a last line without an id: match replies by their id.
    public static func exchange(_ lines: [[UInt8]], office: Office, services: Services, maxLineBytes: Int = 1 << 20) async -> [[UInt8]] {
        let outbox = Outbox(capacity: 1024, cut: {})
        let entry = services.connections.add(channel: nil, outbox: outbox)
        defer { services.connections.remove(entry) }
        return await withTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { outbox.close() }
                var session = Session(services: services, maxLineBytes: maxLineBytes, outbox: outbox, entry: entry, office: office)
                for line in lines {
                    // Stopping: what is not sent yet is left (the upload reports it not sent).
                    if Task.isCancelled || entry.quiescing.load(ordering: .relaxed) { return }
                    entry.requestRead()
                    if let reply = await session.handle(.line(ByteBuffer(bytes: line))) { await outbox.push(reply) }
                    entry.requestHandled()
                }
            }
            var replies: [[UInt8]] = []
            while let batch = await outbox.next() {
                replies += batch.bytes.readableBytesView.split(separator: 0x0A).map(Array.init)
            }
            group.cancelAll()
            return replies
        }
    }
}
