// swift-tools-version:6.0
import PackageDescription

// Module map, from the bottom up:
//   HuizongCore      the pure domain: decimals, periods, regions, indicators, validation (no I/O)
//   CLibPQ           libpq, the PostgreSQL C client library, as a system library
//   HuizongPostgres  a small safe wrapper over libpq: connections, text and binary parameters and rows,
//                    pipelines, COPY, LISTEN, an actor's thread (ThreadExecutor), migrations
//   HuizongDatabase  where the database is: the embedded cluster the daemon runs when none is
//                    configured, the data directory and configuration file that name it
//   HuizongStore     every SQL statement and every connection: the writers holding each province's
//                    state, the readers, the change feed
//   HuizongProtocol  the NDJSON wire protocol: a strict JSON parser keeping numbers exact, requests, replies
//   HuizongServer    SwiftNIO sessions over Unix and TCP sockets, the broadcaster, the composition root
//   HuizongClient    what the CLI and the console read from clerks' files: CSV in UTF-8 or GB18030,
//                    Excel, names to codes, rows to submissions with content-derived keys; the
//                    row-by-row report; the printable month (pure)
//   HuizongConsole   the web console: HTTP, sign-in, uploads, and a WebSocket served as one more
//                    NDJSON connection; its page, script and style embedded in the binary
//   HuizongWorkload  the deterministic "national year" workload of the benchmarks (pure)
//   huizongd         the daemon; huizong the command-line tool for people
//   HuizongFuzz      a libFuzzer target over the request decoder and the validator
let package = Package(
    name: "huizong",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "huizongd", targets: ["huizongd"]),
        .executable(name: "huizong", targets: ["huizong"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "HuizongCore"),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "HuizongPostgres",
            dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log"), .product(name: "CoreMetrics", package: "swift-metrics")]
        ),
        .target(name: "HuizongDatabase", dependencies: ["HuizongPostgres", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "HuizongStore",
            dependencies: ["HuizongCore", "HuizongPostgres", .product(name: "Logging", package: "swift-log"),
                           .product(name: "CoreMetrics", package: "swift-metrics")]
        ),
        .target(name: "HuizongProtocol", dependencies: ["HuizongCore"]),
        .target(name: "HuizongWorkload", dependencies: ["HuizongCore"]),
        // Excel files are zip archives of XML: ZIPFoundation opens them (20 s to build), Foundation's
        // XMLParser reads the XML.
        .target(name: "HuizongClient", dependencies: ["HuizongCore", "HuizongProtocol", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "HuizongServer",
            dependencies: [
                "HuizongCore", "HuizongProtocol", "HuizongStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "HuizongConsole",
            dependencies: [
                "HuizongCore", "HuizongProtocol", "HuizongClient", "HuizongServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("Assets/index.html"), .embedInCode("Assets/app.js"), .embedInCode("Assets/app.css")]
        ),
        .executableTarget(
            name: "huizongd",
            dependencies: [
                "HuizongServer", "HuizongStore", "HuizongPostgres", "HuizongDatabase", "HuizongConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "huizong",
            dependencies: [
                "HuizongCore", "HuizongProtocol", "HuizongClient", "HuizongStore", "HuizongPostgres", "HuizongDatabase", "HuizongWorkload",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // A libFuzzer target; built by scripts/fuzz with --sanitize fuzzer (a no-op binary otherwise).
        .executableTarget(name: "HuizongFuzz", dependencies: ["HuizongCore", "HuizongProtocol"]),
        .testTarget(name: "HuizongCoreTests", dependencies: ["HuizongCore", "HuizongWorkload"]),
        .testTarget(name: "HuizongProtocolTests", dependencies: ["HuizongProtocol", "HuizongWorkload"]),
        .testTarget(name: "HuizongClientTests", dependencies: ["HuizongClient", "HuizongCore"]),
        // The codec on EmbeddedChannel: no sockets, no database.
        .testTarget(
            name: "HuizongServerTests",
            dependencies: ["HuizongServer", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio")]
        ),
        .testTarget(
            name: "HuizongIntegrationTests",
            dependencies: [
                "HuizongServer", "HuizongStore", "HuizongPostgres", "HuizongDatabase", "HuizongProtocol", "HuizongCore", "HuizongWorkload",
                "HuizongConsole", "HuizongClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
