import Testing
@testable import HuizongCore

@Suite struct ExactDecimalTests {
    @Test func keepsTheWrittenForm() {
        for text in ["218.64", "957.7", "0", "-1.8", "0.05", "1234567890.123456", "48.30", "-0.001"] {
            #expect(ExactDecimal(text)?.description == text)
        }
    }

    /// The one-pass formatter against the obvious one (decimal digits of the significand, padded,
    /// point inserted), over the whole range: small and Int128-sized significands, scales 0–38.
    @Test func descriptionMatchesThePlainFormatting() {
        func plain(_ d: ExactDecimal) -> String {
            let negative = d.significand < 0
            let digits = String(d.significand.magnitude)
            guard d.scale > 0 else { return (negative ? "-" : "") + digits }
            let padded = String(repeating: "0", count: max(0, d.scale + 1 - digits.count)) + digits
            let split = padded.index(padded.endIndex, offsetBy: -d.scale)
            return (negative ? "-" : "") + padded[..<split] + "." + padded[split...]
        }
        var rng = SystemRandomNumberGenerator()
        var cases: [ExactDecimal] = [.zero, ExactDecimal(significand: Int128.max, scale: 38), ExactDecimal(significand: Int128.min + 1, scale: 0),
                                     ExactDecimal(significand: Int128(UInt64.max), scale: 5), ExactDecimal(significand: -Int128(UInt64.max) - 1, scale: 20)]
        for _ in 0..<5000 {
            let bits = Int.random(in: 1...126, using: &rng)
            let magnitude = Int128.random(in: 0...(Int128(1) << bits), using: &rng)
            cases.append(ExactDecimal(significand: Bool.random(using: &rng) ? magnitude : -magnitude, scale: Int.random(in: 0...38, using: &rng)))
        }
        for d in cases { #expect(d.description == plain(d), "\(d.significand) scale \(d.scale)") }
    }

    @Test func exponentsBecomePlainDecimals() {
        #expect(ExactDecimal("1.5e2")?.description == "150")
        #expect(ExactDecimal("1.5E-3")?.description == "0.0015")
        #expect(ExactDecimal("-0")?.description == "0")
    }

    @Test func refusesWhatIsNotADecimal() {
        for text in ["", "-", "1.", ".5", "1e", "1e+", "0x10", "1,000", " 1", "1 ", "NaN", "Infinity", "+1", "1.2.3"] {
            #expect(ExactDecimal(text) == nil, "\(text)")
        }
    }

    @Test func refusesOutOfBounds() {
        #expect(ExactDecimal("1234567890123456789") == nil)  // 19 integer digits
        #expect(ExactDecimal("123456789012345678")?.description == "123456789012345678")
        #expect(ExactDecimal("0.0000000000001") == nil)  // 13 decimals
        #expect(ExactDecimal("1e400") == nil)
        #expect(ExactDecimal("1e-400") == nil)
    }

    @Test func additionIsExact() {
        let sum = ExactDecimal("0.1")! + ExactDecimal("0.2")!
        #expect(sum.description == "0.3")
        #expect(sum == ExactDecimal("0.3")!)
        #expect((ExactDecimal("218.64")! - ExactDecimal("0.64")!).description == "218.00")
    }

    @Test func equalityIsNumericIdentityIsWritten() {
        #expect(ExactDecimal("1.50")! == ExactDecimal("1.5")!)
        #expect(!ExactDecimal("1.50")!.isIdentical(to: ExactDecimal("1.5")!))
        #expect(Set([ExactDecimal("1.50")!, ExactDecimal("1.5")!]).count == 1)
        #expect(ExactDecimal("-2")! < ExactDecimal("1.5")!)
    }

    @Test func halfUnitFollowsThePrecision() {
        #expect(ExactDecimal("218.64")!.halfUnit.description == "0.005")
        #expect(ExactDecimal("298")!.halfUnit.description == "0.5")
    }

    @Test func divisionRoundsHalfAwayFromZero() {
        #expect(ExactDecimal("96600")!.divided(by: ExactDecimal("2000")!, scale: 2)?.description == "48.30")
        #expect(ExactDecimal("2")!.divided(by: ExactDecimal("3")!, scale: 3)?.description == "0.667")
        #expect(ExactDecimal("-2")!.divided(by: ExactDecimal("3")!, scale: 3)?.description == "-0.667")
        #expect(ExactDecimal("1")!.divided(by: ExactDecimal.zero, scale: 2) == nil)
    }

    @Test func ratioIsExactWhenItTerminates() {
        #expect(ExactDecimal.ratio(ExactDecimal("96600")!, ExactDecimal("2000")!)?.description == "48.3")
        #expect(ExactDecimal.ratio(ExactDecimal("1")!, ExactDecimal("3")!)?.description == "0.3333")
        #expect(ExactDecimal.ratio(ExactDecimal("13")!, ExactDecimal("100")!)?.description == "0.13")
    }
}

@Suite struct PeriodTests {
    @Test func parsesOnlyYearDashMonth() {
        #expect(Period("2022-10")?.description == "2022-10")
        #expect(Period("2022-01")?.month == 1)
        for bad in ["2022-13", "2022-00", "2022-1", "22-10", "2022/10", "2022-10-01", "abcd-ef", ""] {
            #expect(Period(bad) == nil, "\(bad)")
        }
    }

    @Test func currentMonthIsChinaStandardTime() {
        // 2023-10-31T16:00:00Z is 2023-11-01 00:00 in UTC+8: already November in China.
        #expect(Period.current(secondsSinceEpoch: 1_698_768_000) == Period(year: 2023, month: 11))
        #expect(Period.current(secondsSinceEpoch: 1_698_767_999) == Period(year: 2023, month: 10))
    }

    @Test func neighbours() {
        #expect(Period("2023-01")!.previous == nil)
        #expect(Period("2023-05")!.previous == Period("2023-04"))
        #expect(Period("2023-05")!.sameMonthLastYear == Period("2022-05"))
        #expect(Period("2022-12")! < Period("2023-01")!)
    }
}

@Suite struct SHA256Tests {
    @Test func nistVectors() {
        #expect(SHA256.hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

/// Issue 8, findings 1 and 2: what the daemon derives reads back, and parsing costs what it reads.
@Suite struct ExactDecimalBoundsTests {
    @Test func whatTheDaemonDerivesReadsBack() {
        for text in ["0.123456789012", "999999999999999999.999999999999", "-0.000000000001", "120.5", "7"] {
            let x = ExactDecimal(text)!
            let derived = [x.halfUnit, x + x.halfUnit, x.halfUnit + x.halfUnit + ExactDecimal("0.5")!,
                           UnitConversion.convert(ExactDecimal(text, limits: .wire)!, from: "万元", to: "亿元")!]
            for d in derived {
                let back = ExactDecimal(stored: d.description)
                #expect(back?.isIdentical(to: d) == true, "\(d) did not read back")
            }
        }
    }

    @Test func reportedBoundsHoldAfterConversion() {
        let wire = ExactDecimal("12.123456789", limits: .wire)!
        #expect(wire.fits(.reported))
        let converted = UnitConversion.convert(wire, from: "万元", to: "亿元")!
        #expect(converted.description == "0.0012123456789" && !converted.fits(.reported))
        #expect(ExactDecimal("123456789012345678")!.fits(.reported))
        #expect(!ExactDecimal("1234567890123456789", limits: .wire)!.fits(.reported))
        // 亿 → 万 adds digits before the point, checked with overflow.
        #expect(UnitConversion.convert(ExactDecimal("9999999999999999999999", limits: .wire)!, from: "亿千瓦时", to: "万千瓦时")?.fits(.reported) == false)
    }

    @Test func longTextIsRefusedAtOnceWhateverItHolds() {
        let clock = ContinuousClock()
        let start = clock.now
        let zeros = Array(repeating: UInt8(ascii: "0"), count: 1_000_000) + [UInt8(ascii: "1")]
        #expect(ExactDecimal.parse(zeros, limits: .stored) == nil)
        #expect(ExactDecimal(String(repeating: "0", count: 1_000_000) + "1") == nil)
        #expect(clock.now - start < .seconds(1))
        #expect(ExactDecimal("0000000000000000000000000000000000000000000000000000000001")?.description == "1")
        #expect(ExactDecimal("0.000000000005")?.description == "0.000000000005")
        #expect(ExactDecimal("00.50")?.description == "0.50")
        #expect(ExactDecimal("0.000")?.description == "0.000")
    }
}
