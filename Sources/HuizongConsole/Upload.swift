import HuizongClient
import HuizongCore
import HuizongProtocol
import HuizongServer
import NIOCore

/// A clerk's file from the browser, read and sent as `huizong submit` reads and sends it (CSV in
/// UTF-8 or GB18030, Excel, or NDJSON; the same names, the same grouping by region and month, the
/// same keys), answered by the daemon's own sessions, reported row by row in the same words.
extension Console {
    func upload(_ request: HTTPRequest) async -> HTTPResponse {
        let office: Office
        switch await signedIn(request) {
        case .failure(let response): return response
        case .success(let s): office = s.office
        }
        let q = request.query
        let name = (q["name"].flatMap { $0.isEmpty ? nil : $0 } ?? "上传文件").split(separator: "/").last.map(String.init) ?? "上传文件"
        let dryRun = q["dry_run"] == "1", revise = q["revise"] == "1"
        let bytes = Array(request.body.readableBytesView)
        guard !bytes.isEmpty else { return .error(.badRequest, "empty", "文件为空") }

        var report = SubmitReport(dryRun: dryRun, revise: revise, reviseHint: "改正后重新报送请勾选“作为修订重新报送”")
        var jobs: [SubmitJob] = []
        do {
            let records: [CSV.Record]
            let lower = name.lowercased()
            // An old .xls (OLE2) goes to the Excel reader too, for its "save it as .xlsx" message.
            if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xls") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
                || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                // Excel's row numbers kept (the report names them); blank rows dropped as CSV's are.
                records = try XLSX.read(bytes, sheet: q["sheet"]).enumerated().compactMap {
                    $0.element.isEmpty ? nil : CSV.Record(line: $0.offset + 1, fields: $0.element)
                }
            } else {
                let (text, _) = try TextDecoding.decode(bytes)
                if name.hasSuffix(".ndjson") || name.hasSuffix(".jsonl") || text.first(where: { !$0.isWhitespace }) == "{" {
                    let (lines, refused) = SubmitJob.lines(of: text, file: name, dryRun: dryRun)
                    report.add(refused)
                    jobs = lines
                    records = []
                } else {
                    records = try CSV.parse(text)
                }
            }
            if jobs.isEmpty {
                guard let names = await names(for: office) else { return .error(.serviceUnavailable, "unavailable", "数据库暂时不可用，请稍后再试") }
                let sheet = try Sheet(records: records, names: names, file: name)
                let plan = Plan([sheet])
                report.add(plan: plan, skipped: sheet.skipped)
                jobs = plan.submissions.map { SubmitJob(planned: $0) }
                for i in jobs.indices { jobs[i].id = "j\(i + 1)" }
            }
        } catch {
            return .error(.badRequest, "unreadable", "无法读取 \(name)：\(error)")
        }
        await send(&jobs, office: office, dryRun: dryRun, revise: revise)
        report.add(jobs)
        var w = JSONObjectWriter()
        w.members(report.json())
        w.string("summary", report.chineseSummary)
        w.string("report_csv", report.correctionCSV)
        return .json(.ok, w.finish())
    }

    /// The catalog's and the office's regions' names, from its own `catalog` and `regions` answers.
    private func names(for office: Office) async -> Names? {
        let answers = await ask(office, [Self.request("catalog"), Self.request("regions")])
        guard answers.count == 2, answers[0].member("type")?.text == "catalog", answers[1].member("type")?.text == "regions" else { return nil }
        return Names(catalog: answers[0], regions: answers[1])
    }

    /// Every job's answer, by its id; with `revise`, a stale month again as its stored revision (a
    /// duplicate if it is that very content), then as the next one — as `huizong submit --revise`.
    private func send(_ jobs: inout [SubmitJob], office: Office, dryRun: Bool, revise: Bool) async {
        func exchange(_ indices: [Int]) async {
            let replies = await LocalSession.exchange(indices.map { jobs[$0].request(dryRun: dryRun) }, office: office, services: services)
                .map(Answer.init(line:))
            // By id: a revoked office's farewell (no id) answers none of them.
            let byID = Dictionary(replies.compactMap { a in a.string("id").map { ($0, a) } }, uniquingKeysWith: { a, _ in a })
            for i in indices { jobs[i].answer = byID[jobs[i].id] }
        }
        await exchange(Array(jobs.indices))
        if revise {
            var stale = jobs.indices.filter { jobs[$0].planned != nil && jobs[$0].lastRevision != nil }
            for i in stale { jobs[i].revision = jobs[i].lastRevision }
            await exchange(stale)
            stale = stale.filter { jobs[$0].lastRevision != nil }
            for i in stale { jobs[i].revision = jobs[i].lastRevision! + 1 }
            await exchange(stale)
        }
        for i in jobs.indices where jobs[i].answer == nil {
            jobs[i].answer = Answer(line: Array(#"{"type":"error","code":"not_sent","message":"会话已结束（机构被停用），未发送"}"#.utf8))
        }
    }
}
