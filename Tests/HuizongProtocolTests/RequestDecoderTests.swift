import Testing
@testable import HuizongCore
@testable import HuizongProtocol

func decode(_ s: String) -> Result<Envelope, RequestError> { RequestDecoder.decode(Array(s.utf8)) }

func failure(_ s: String) -> RequestError? {
    if case .failure(let e) = decode(s) { return e }
    return nil
}

@Suite struct RequestDecoderTests {
    @Test func protocolExampleSubmission() throws {
        let line = #"{"type":"submit","id":"s1","key":"331082-2022-10-r1","region":"331082","period":"2022-10","revision":1,"figures":[{"indicator":"ind_value_added","ytd":"218.64","yoy":"5.2"},{"indicator":"ind_output","ytd":"957.7","month":"87.5","yoy":"8.3"},{"indicator":"tax_per_mu","num":"96600","den":"2000"}]}"#
        let envelope = try decode(line).get()
        #expect(envelope.id == "s1")
        guard case .submit(let s, let dryRun) = envelope.request else { Issue.record("not a submit"); return }
        #expect(!dryRun)
        #expect(s.key == "331082-2022-10-r1")
        #expect(s.period == Period(year: 2022, month: 10))
        #expect(s.figures.count == 3)
        #expect(s.figures[0].ytd?.description == "218.64")
        #expect(s.figures[1].month?.description == "87.5")
        #expect(s.figures[2].num?.description == "96600")
    }

    @Test func numbersMayBeJSONNumbers() throws {
        guard case .submit(let s, _) = try decode(#"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":"2","figures":[{"indicator":"x","ytd":218.640}]}"#).get().request
        else { Issue.record("not a submit"); return }
        #expect(s.figures[0].ytd?.description == "218.640")
        #expect(s.revision == 2)
    }

    @Test func errorsNameTheField() {
        #expect(failure(#"{"type":"hello","id":"1","office":"331082"}"#)?.issues.first?.path == "token")
        #expect(failure(#"{"type":"hello","id":"1","office":"331082"}"#)?.id == "1")
        #expect(failure(#"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":1,"figures":[{"indicator":"x","ytd":true}]}"#)?.issues.first?.path == "figures[0].ytd")
        #expect(failure(#"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":1,"figures":[{"indicator":"x","ytd":"12,5"}]}"#)?.code == .badRequest)
        #expect(failure(#"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":1,"figures":[{"indicator":"x","ytdd":"1"}]}"#)?.issues.first?.path == "figures[0].ytdd")
        #expect(failure(#"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":0,"figures":[]}"#)?.issues.first?.path == "revision")
        #expect(failure(#"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":1,"figures":[{"indicator":"x","ytd":1e30}]}"#)?.code == .badRequest)
    }

    @Test func codesOfPROTOCOL() {
        // A field twice: in a small object (compared pairwise) and in a large one (through a set).
        let twice = failure(#"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":1,"figures":[{"indicator":"x","ytd":"1","ytd":"2"}]}"#)
        #expect(twice?.issues.first?.path == "figures[0].ytd" && twice?.issues.first?.code == "duplicate_field", "\(String(describing: twice))")
        let large = failure(#"{"type":"submit","id":"1","key":"k","region":"1","period":"2022-10","revision":1,"dry_run":false,"figures":[],"a":1,"key":"k2"}"#)
        #expect(large?.issues.first?.path == "key" && large?.issues.first?.code == "duplicate_field", "\(String(describing: large))")
        #expect(failure("not json")?.code == .badJSON)
        #expect(failure("[1]")?.code == .badJSON)
        #expect(failure("")?.code == .badJSON)
        #expect(failure(#"{"id":"x"}"#)?.code == .badRequest)
        #expect(failure(#"{"type":"teleport"}"#)?.code == .badRequest)
        #expect(failure(#"{"type":"ping","type":"ping"}"#)?.code == .badRequest)
        #expect(failure(#"{"type":"submit","key":"k","region":"1","period":"2022-13","revision":1,"figures":[]}"#)?.code == .badPeriod)
        #expect(failure(#"{"type":"ping","id":5}"#)?.code == .badRequest)
        #expect(failure(#"{"type":"ping","id":"\#(String(repeating: "x", count: 129))"}"#)?.code == .badRequest)
    }

    @Test func sqlInjectionStringsAreJustStrings() throws {
        let evil = #"x'); DROP TABLE figures; --"#
        guard case .hello(let office, _) = try decode(#"{"type":"hello","office":"\#(evil)","token":"t"}"#).get().request
        else { Issue.record("not a hello"); return }
        #expect(office == evil)
    }
}
