import ArgumentParser
import Foundation
import HuizongProtocol
import HuizongStore
import HuizongWorkload

struct Workload: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The deterministic national-year workload of the benchmarks.",
        discussion: "Example: huizong workload generate --out /tmp/year.ndjson --year 2023",
        subcommands: [Generate.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the workload as NDJSON submit lines (one per submission, without hello).",
            discussion: """
                Every county of the reference data reports twelve months of every catalog indicator, then every city and province its own figures (the sums of its parts). The same seed always gives the same file. Region and indicator lists come from the database.

                Example: huizong workload generate --out /tmp/year.ndjson --year 2023
                """
        )

        @Option(help: "Output file ('-' for standard output).")
        var out: String

        @Option(help: "Year of the workload.")
        var year = 2023

        @Option(help: "Seed.")
        var seed: UInt64 = 20_231_130

        @Option(help: "Only the first N counties (and their cities and provinces).")
        var limit: Int?

        @OptionGroup var db: DatabaseOptions

        func run() throws {
            let (regions, catalog) = try db.withConnection { (try ReferenceStore.regions($0), try ReferenceStore.catalog($0)) }
            let workload = NationalYear(regions: regions, catalog: catalog, year: year, seed: seed, limit: limit)
            var bytes: [UInt8] = []
            for s in workload.submissions { bytes += RequestEncoder.submit(id: s.key, s) }
            if out == "-" {
                FileHandle.standardOutput.write(Data(bytes))
            } else {
                try Data(bytes).write(to: URL(fileURLWithPath: out))
            }
            FileHandle.standardError.write(Data("\(workload.submissions.count) submissions, \(workload.figureCount) figures\n".utf8))
        }
    }
}
