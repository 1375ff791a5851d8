import Foundation
import HuizongPostgres
import HuizongServer
import HuizongStore
import Logging
import CoreMetrics
import Metrics
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus

/// Prometheus' text format over HTTP (`--metrics 127.0.0.1:9330`, off by default): GET /metrics.
/// Counters and histograms come from swift-metrics as the daemon records them; the gauges are read
/// when scraped (connections, subscribers, queues), except open conflicts, which a loop counts in
/// the database every 15 s so that a scrape never waits on PostgreSQL.
final class MetricsEndpoint: Sendable {
    let registry: PrometheusCollectorRegistry
    private let services: Services
    private let logger: Logger
    private let connections, subscribers, writerQueue, admitted, openConflicts: CoreMetrics.Gauge

    /// Makes the registry the process's metrics backend: called first thing, since swift-metrics
    /// binds a metric to the backend of the moment it is created.
    static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Commit and ack latencies of a group-committing daemon: 0.5 ms to 10 s; batch sizes 1 to 1024.
        factory.defaultDurationHistogramBuckets = [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                                                   .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                                                   .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10)]
        factory.defaultValueHistogramBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
        MetricsSystem.bootstrap(factory)
        return registry
    }

    init(registry: PrometheusCollectorRegistry, services: Services, logger: Logger) {
        self.registry = registry
        self.services = services
        self.logger = logger
        connections = CoreMetrics.Gauge(label: "huizong_connections")
        subscribers = CoreMetrics.Gauge(label: "huizong_subscribers")
        writerQueue = CoreMetrics.Gauge(label: "huizong_writer_queue")
        admitted = CoreMetrics.Gauge(label: "huizong_admitted_requests")
        openConflicts = CoreMetrics.Gauge(label: "huizong_open_conflicts")
        ServerMetrics.prepare()
        _ = Reconnects.counter
    }

    /// The page a scrape gets.
    func page() -> [UInt8] {
        connections.record(services.connections.count)
        subscribers.record(services.hub.subscribed)
        writerQueue.record(services.writer.queued)
        admitted.record(services.admission.inUse)
        var out: [UInt8] = []
        registry.emit(into: &out)
        return Self.withHelp(out)
    }

    /// What each series means, for `# HELP` lines (swift-metrics has no place for a help text, so
    /// the page gets them here, before each `# TYPE`).
    static let help: [String: String] = [
        "huizong_submissions_total": "Submissions answered, by outcome (accepted, duplicate, or the error code).",
        "huizong_figures_stored_total": "Figures written to the database by accepted submissions.",
        "huizong_batches_rolled_back_total": "Writer batches rolled back and decided again (a lost connection, a stale province version).",
        "huizong_commit_seconds": "Time from a batch's first statement to its commit.",
        "huizong_ack_seconds": "Time from a submission read to its acknowledgement written.",
        "huizong_batch_submissions": "Submissions per committed batch.",
        "huizong_database_reconnects_total": "Connections to PostgreSQL made again after one was lost.",
        "huizong_slow_consumer_cuts_total": "Subscribers cut off for reading too slowly.",
        "huizong_connections": "Client connections open now (sockets and console WebSockets).",
        "huizong_subscribers": "Connections subscribed to events now.",
        "huizong_writer_queue": "Submissions queued for the writers now.",
        "huizong_admitted_requests": "Submissions admitted and not yet answered now.",
        "huizong_open_conflicts": "Conflicts between a region's own figure and the sum of its parts not yet resolved.",
    ]

    static func withHelp(_ page: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(page.count + 2048)
        for line in page.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if line.starts(with: Array("# TYPE ".utf8)), let name = line.dropFirst(7).split(separator: 0x20).first,
               let text = help[String(decoding: name, as: UTF8.self)] {
                out += Array("# HELP ".utf8) + name + [0x20] + Array(text.utf8) + [0x0A]
            }
            out += line + [0x0A]
        }
        if page.last == 0x0A { out.removeLast() }  // split left an empty last piece: no extra newline
        return out
    }

    /// Counts open conflicts every 15 s until the daemon stops.
    func countConflicts(readers: ReaderPool) async {
        while !Task.isCancelled {
            if let n = try? await readers.openConflicts() { openConflicts.record(n) }
            try? await Task.sleep(for: .seconds(15))
        }
    }

    /// Serves until the channel is closed.
    func bind(host: String, port: Int, group: any EventLoopGroup) async throws -> any Channel {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                // A connection quiet for 10 minutes is closed: longer than any scrape interval
                // (Prometheus keeps its connection between scrapes), short enough that forgotten
                // ones do not pile up.
                // On the channel's own event loop: the handlers never cross threads (none is Sendable).
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(IdleStateHandler(readTimeout: .minutes(10)))
                    try pipeline.configureHTTPServerPipeline()
                    try pipeline.addHandler(MetricsHTTPHandler(endpoint: self))
                }
            }
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port).get()
        logger.info("metrics", metadata: ["address": "http://\(host):\(channel.localAddress?.port ?? port)/metrics"])
        return channel
    }
}

/// One request, one answer: GET /metrics, else 404 (or 405 for another method).
final class MetricsHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    private let endpoint: MetricsEndpoint
    private var head: HTTPRequestHead?

    init(endpoint: MetricsEndpoint) { self.endpoint = endpoint }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent { context.close(promise: nil) } else { context.fireUserInboundEventTriggered(event) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body: break
        case .end:
            guard let head else { return }
            let (status, body, type): (HTTPResponseStatus, [UInt8], String)
            if head.method != .GET {
                (status, body, type) = (.methodNotAllowed, Array("GET only\n".utf8), "text/plain")
            } else if head.uri.split(separator: "?").first == "/metrics" {
                (status, body, type) = (.ok, endpoint.page(), "text/plain; version=0.0.4; charset=utf-8")
            } else {
                (status, body, type) = (.notFound, Array("metrics are at /metrics\n".utf8), "text/plain")
            }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: type)
            headers.add(name: "Content-Length", value: String(body.count))
            headers.add(name: "Connection", value: head.isKeepAlive ? "keep-alive" : "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
            let keepAlive = head.isKeepAlive
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                if !keepAlive { context.close(promise: nil) }
            }
            self.head = nil
        }
    }
}
