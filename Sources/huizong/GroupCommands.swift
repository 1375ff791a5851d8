import ArgumentParser
import HuizongClient
import HuizongProtocol

/// Peer groups (PROTOCOL.md v1.2): 山区26县, 省级开发区 — regions ranked together though they are not
/// one parent's children.
struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "List the peer groups, or add one (admin): regions of one level ranked together (山区26县).",
        discussion: "Every daemon on the database knows a group within 5 seconds; ranks and gaps within it appear in query, watch and events.",
        subcommands: [List.self, Add.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every peer group with its members.", discussion: "Example: huizong group list --office 330900")
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "groups")
            try client.run(w) { answer in
                printObjects(answer.member("groups"), columns: ["code", "name", "members"])
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a peer group, or replace the one with this code (admin offices only).",
            discussion: """
                Members are region codes, all of one level (counties with counties), in any parents.

                Example: huizong group add zj_mountain26 --name 山区26县 330324 330328 330329 331121 --office admin
                """)

        @Argument(help: "Code: letters, digits and _.") var code: String
        @Option(help: "The group's name, as reports write it.") var name: String
        @Argument(help: "Member region codes.") var members: [String]
        @OptionGroup var client: ClientOptions

        func run() throws {
            var w = JSONObjectWriter()
            w.string("type", "add_group")
            w.string("code", code)
            w.string("name", name)
            w.strings("members", members)
            try client.run(w) { answer in
                let count = answer.member("members")?.elements.count ?? members.count
                print("group \(answer.member("code")?.text ?? code)（\(answer.member("name")?.text ?? name)）: \(count) members; every daemon knows it within 5 seconds")
            }
        }
    }
}
