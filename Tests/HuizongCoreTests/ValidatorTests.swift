import Testing
@testable import HuizongCore


func d(_ s: String) -> ExactDecimal { ExactDecimal(s)! }

func submission(_ figures: [FigureInput], period: String = "2022-10") -> Submission {
    Submission(key: "k", region: "331082", period: Period(period)!, revision: 1, figures: figures)
}

func verdict(_ figures: FigureInput..., period: String = "2022-10") -> Verdict {
    Validator(catalog: catalog).validate(submission(figures, period: period))
}

@Suite struct ValidatorTests {
    @Test func linhaiOctoberIsAccepted() {
        let v = verdict(FigureInput(indicator: "ind_value_added", ytd: d("218.64"), yoy: d("5.2")),
                        FigureInput(indicator: "ind_output", ytd: d("957.7"), month: d("87.5"), yoy: d("8.3")),
                        FigureInput(indicator: "tax_per_mu", value: d("48.3"), num: d("96600"), den: d("2000")))
        #expect(v.isAccepted, "\(v.errors)")
        #expect(v.warnings.isEmpty)
    }

    @Test func emptySubmissionIsABadRequest() {
        let v = Validator(catalog: catalog).validate(submission([]))
        #expect(v.code == .badRequest)
    }

    @Test func unknownIndicator() {
        let v = verdict(FigureInput(indicator: "gdp", ytd: d("1")))
        #expect(v.code == .unknownIndicator)
        #expect(v.errors.first?.path == "figures[0].indicator")
    }

    @Test func duplicateIndicator() {
        let v = verdict(FigureInput(indicator: "exports", ytd: d("1")), FigureInput(indicator: "exports", ytd: d("2")))
        #expect(v.code == .badRequest)
        #expect(v.errors.map(\.path) == ["figures[1].indicator"])
    }

    @Test func fieldsFollowTheKind() {
        #expect(verdict(FigureInput(indicator: "exports", month: d("1"))).errors.map(\.code) == ["required"])
        #expect(verdict(FigureInput(indicator: "exports", ytd: d("1"), value: d("1"))).errors.map(\.code) == ["not_allowed"])
        #expect(verdict(FigureInput(indicator: "above_scale_firms", value: d("120"))).isAccepted)
        #expect(verdict(FigureInput(indicator: "above_scale_firms", ytd: d("120"))).errors.map(\.code).sorted() == ["not_allowed", "required"])
        #expect(verdict(FigureInput(indicator: "tax_per_mu", num: d("1"))).errors.map(\.path) == ["figures[0].den"])
    }

    @Test func negativeLevelsAreRejectedNegativeGrowthIsNot() {
        let v = verdict(FigureInput(indicator: "exports", ytd: d("-2.43")))
        #expect(v.code == .validationFailed)
        #expect(v.errors.first?.path == "figures[0].ytd")
        #expect(v.errors.first?.message.contains("外贸出口总额") == true)
        #expect(verdict(FigureInput(indicator: "exports", ytd: d("2.43"), yoy: d("-1.8"))).isAccepted)
    }

    @Test func zeroDenominator() {
        #expect(verdict(FigureInput(indicator: "tax_per_mu", num: d("1"), den: d("0"))).errors.map(\.code) == ["zero_denominator"])
    }

    @Test func januaryMonthMustEqualYtd() {
        #expect(verdict(FigureInput(indicator: "ind_output", ytd: d("87.5"), month: d("87.50")), period: "2023-01").isAccepted)
        #expect(verdict(FigureInput(indicator: "ind_output", ytd: d("87.5"), month: d("87.46")), period: "2023-01").isAccepted)
        #expect(verdict(FigureInput(indicator: "ind_output", ytd: d("87.5"), month: d("87.4")), period: "2023-01").errors.map(\.code) == ["month_mismatch"])
        // Other months are checked against the stored previous month, not here.
        #expect(verdict(FigureInput(indicator: "ind_output", ytd: d("87.5"), month: d("40")), period: "2023-02").isAccepted)
    }

    @Test func ratioValueMustMatchWithinRounding() {
        #expect(verdict(FigureInput(indicator: "tax_per_mu", value: d("48.3"), num: d("96600"), den: d("2000"))).isAccepted)
        #expect(verdict(FigureInput(indicator: "tax_per_mu", value: d("0.33"), num: d("1"), den: d("3"))).isAccepted)
        #expect(verdict(FigureInput(indicator: "tax_per_mu", value: d("48.4"), num: d("96600"), den: d("2000"))).errors.map(\.code) == ["ratio_mismatch"])
    }

    @Test func unitMustBeTheCatalogs() {
        #expect(verdict(FigureInput(indicator: "exports", ytd: d("2.43"), unit: "亿美元")).isAccepted)
        #expect(verdict(FigureInput(indicator: "exports", ytd: d("2.43"), unit: "亿元")).errors.map(\.code) == ["unit_mismatch"])
    }

    @Test func growthBeyondHundredPercentWarns() {
        let v = verdict(FigureInput(indicator: "exports", ytd: d("2.43"), yoy: d("120.5")))
        #expect(v.isAccepted)
        #expect(v.warnings.map(\.code) == ["growth_out_of_range"])
        #expect(verdict(FigureInput(indicator: "exports", ytd: d("2.43"), yoy: d("100"))).warnings.isEmpty)
    }

    @Test func everyFailureIsListed() {
        let v = verdict(FigureInput(indicator: "exports", ytd: d("-1")), FigureInput(indicator: "ind_output", ytd: d("-2")))
        #expect(v.errors.map(\.path) == ["figures[0].ytd", "figures[1].ytd"])
    }

    @Test func contentHashIgnoresFigureOrderButNotPrecision() {
        let a = FigureInput(indicator: "exports", ytd: d("2.43"))
        let b = FigureInput(indicator: "ind_output", ytd: d("957.7"))
        #expect(submission([a, b]).contentHash == submission([b, a]).contentHash)
        let c = FigureInput(indicator: "exports", ytd: d("2.430"))
        #expect(submission([a]).contentHash != submission([c]).contentHash)
    }

    /// Stored keys carry this hash: its canonical form must never drift, whatever builds it.
    @Test func contentHashKeepsItsCanonicalForm() {
        let figures = [FigureInput(indicator: "ind_output", ytd: d("957.7"), yoy: d("-1.50"), note: "预计", unit: "亿元"),
                       FigureInput(indicator: "exports", ytd: d("2.43"))]
        let form = "331082|2022-10|1|exports;2.43;;;;;;;-|ind_output;957.7;;-1.50;;;;亿元;6:预计"
        #expect(submission(figures).contentHash == SHA256.hash(Array(form.utf8)))
    }
}
