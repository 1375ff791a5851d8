import ArgumentParser
import HuizongClient
import HuizongProtocol

struct IndicatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator",
        abstract: "List the indicator catalog, or add an indicator or another name for one (admin) without a migration or a restart.",
        discussion: "Every daemon on the database knows a new indicator or alias within 5 seconds.",
        subcommands: [List.self, Add.self, Alias.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every indicator the daemon knows.", discussion: "Example: HUIZONG_TOKEN=… huizong indicator list --office 331082")
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "catalog")
            try client.run(w) { answer in
                printObjects(answer.member("indicators"), columns: ["code", "name", "unit", "kind", "part_of", "better", "frequency", "aliases"])
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an indicator to the catalog (admin offices only).",
            discussion: "Example: huizong indicator add software_it_revenue --name 互联网及软件信息服务业主营业务收入 --unit 亿元 --kind flow --part-of software_revenue --office admin")

        @Argument(help: "Code: lower-case letters, digits and _.") var code: String
        @Option(help: "Chinese name, as the bureau's reports write it.") var name: String
        @Option(help: "Unit (亿元, 万千瓦时, 家, 个, 项 …); 个, 家 and 项 take whole numbers only.") var unit: String
        @Option(help: "flow (year to date), stock (period end) or ratio.") var kind: String
        @Option(help: "The indicator this one is part of (part ≤ whole is checked).") var partOf: String?
        @Option(help: "higher or lower (lower: rank 1 is the smallest, e.g. energy per unit of value added).") var better = "higher"
        @Option(help: "monthly, quarterly (due in 03/06/09/12) or yearly (due in 12).") var frequency = "monthly"
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "add_indicator")
            w.string("code", code)
            w.string("name", name)
            w.string("unit", unit)
            w.string("kind", kind)
            if let partOf { w.string("part_of", partOf) }
            w.string("better", better)
            w.string("frequency", frequency)
            try client.run(w) { answer in
                print("indicator \(answer.member("indicator")?.member("code")?.text ?? code) added; every daemon knows it within 5 seconds")
            }
        }
    }
}

extension IndicatorCommand {
    struct Alias: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an indicator another name that files may use for it (admin offices only).",
            discussion: """
                A cell naming an alias is read as the indicator by `huizong submit` and the console. An alias another indicator already bears (as its name or an alias) is refused, so that a name always means one indicator.

                Example: huizong indicator alias ind_output 规上工业产值 --office admin
                """)

        @Argument(help: "The indicator's code.") var code: String
        @Argument(help: "The other name, as the bureau's tables write it.") var alias: String
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "add_alias")
            w.string("indicator", code)
            w.string("alias", alias)
            try client.run(w) { answer in
                let names = answer.member("indicator")?.member("aliases")?.elements.compactMap(\.text) ?? []
                print("\(code) is also called: \(names.joined(separator: "、")); every daemon knows it within 5 seconds")
            }
        }
    }
}

struct RegionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "region",
        abstract: "List regions, or add one (admin): a functional zone or a new district, without a restart.",
        subcommands: [List.self, Add.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a region and every region under it that the office may read.",
            discussion: "Example: huizong region list 330900 --office 330900")
        @Argument(help: "Region code (default: the office's own region).") var region: String?
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "regions")
            if let region { w.string("region", region) }
            try client.run(w) { answer in
                printObjects(answer.member("regions"), columns: ["code", "name", "parent", "level", "in_sum"])
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a region under an existing parent (admin offices only).",
            discussion: "Example: huizong region add 330951 --name 舟山经济开发区 --parent 330900 --outside-sum --office admin")

        @Argument(help: "Code: letters and digits, at most 12.") var code: String
        @Option(help: "Chinese name.") var name: String
        @Option(help: "Parent region code.") var parent: String
        @Option(help: "province, city or county (default: one level below the parent).") var level: String?
        @Flag(help: "Its figures overlap its siblings' (a zone across districts): shown and ranked, not added to the parent's sum.")
        var outsideSum = false
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "add_region")
            w.string("code", code)
            w.string("name", name)
            w.string("parent", parent)
            if let level { w.string("level", level) }
            w.bool("in_sum", !outsideSum)
            try client.run(w) { answer in
                print("region \(code) added under \(parent)\(outsideSum ? ", outside its sum" : ""); every daemon knows it within 5 seconds")
            }
        }
    }
}
