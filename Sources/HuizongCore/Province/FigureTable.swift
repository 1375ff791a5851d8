/// Every stored figure of one province's loaded years, packed: 64 bytes a figure, twelve slots a
/// series (region, indicator, year) in one flat array. A `FigureInput` costs some 350 bytes and a
/// heap block or more; a national year is 800,000 figures, and the writer holds them all.
///
/// Regions and indicators are the state's small integers (`ProvinceState.regionIDs`), so that a
/// lookup hashes one 64-bit key instead of two strings.
struct FigureTable: Sendable {
    /// A figure's six numbers as significands with their scales; a significand beyond 64 bits is
    /// kept in `overflow` (reported figures may have 30 digits; nearly none do).
    struct Packed: Sendable {
        var numbers: (Int64, Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0, 0)
        /// Byte i for field i: 0 absent, 1 in `overflow`, 2 + scale otherwise.
        var scales: UInt64 = 0
        /// The submission that last wrote the figure: an index into `ProvinceState.submissions`.
        var submission: Int32 = -1
        /// `present`, `estimate`, `hasNote`, `hasYearEstimate`.
        var flags: UInt8 = 0

        static let present: UInt8 = 1, estimate: UInt8 = 2, hasNote: UInt8 = 4, hasYearEstimate: UInt8 = 8
        /// PROTOCOL.md v1.2 flags, kept with the figure until its next revision.
        static let outlier: UInt8 = 16, outsideBounds: UInt8 = 32

        func number(_ field: Int) -> Int64 {
            switch field {
            case 0: return numbers.0
            case 1: return numbers.1
            case 2: return numbers.2
            case 3: return numbers.3
            case 4: return numbers.4
            default: return numbers.5
            }
        }

        mutating func setNumber(_ field: Int, _ v: Int64) {
            switch field {
            case 0: numbers.0 = v
            case 1: numbers.1 = v
            case 2: numbers.2 = v
            case 3: numbers.3 = v
            case 4: numbers.4 = v
            default: numbers.5 = v
            }
        }

        func scaleByte(_ field: Int) -> UInt8 { UInt8(truncatingIfNeeded: scales >> (8 * UInt64(field))) }

        mutating func setScaleByte(_ field: Int, _ b: UInt8) {
            let shift = 8 * UInt64(field)
            scales = scales & ~(0xFF << shift) | UInt64(b) << shift
        }

        var isPresent: Bool { flags & Self.present != 0 }
    }

    private var index: [UInt64: Int32] = [:]
    private var slots: [Packed] = []
    private var overflow: [Int: ExactDecimal] = [:]
    private var notes: [Int32: String] = [:]
    /// 预计全年 of the few figures that carry one.
    private var yearEstimates: [Int32: ExactDecimal] = [:]

    var count: Int { slots.count }

    static func series(_ region: Int32, _ indicator: Int16, _ year: Int) -> UInt64 {
        UInt64(UInt32(bitPattern: region)) << 32 | UInt64(UInt16(bitPattern: indicator)) << 16 | UInt64(UInt16(truncatingIfNeeded: year))
    }

    /// The slot of a stored figure, or nil when none is stored.
    func slot(_ region: Int32, _ indicator: Int16, _ period: Period) -> Int32? {
        guard let base = index[Self.series(region, indicator, period.year)] else { return nil }
        let s = base + Int32(period.month - 1)
        return slots[Int(s)].isPresent ? s : nil
    }

    func packed(_ slot: Int32) -> Packed { slots[Int(slot)] }

    /// One number of a stored figure (field as in `FigureInput.numericFields`).
    func number(_ slot: Int32, _ field: Int) -> ExactDecimal? {
        let p = slots[Int(slot)]
        switch p.scaleByte(field) {
        case 0: return nil
        case 1: return overflow[Int(slot) * 8 + field]
        case let b: return ExactDecimal(significand: Int128(p.number(field)), scale: Int(b) - 2)
        }
    }

    func figure(_ slot: Int32, indicator: String) -> FigureInput {
        let p = slots[Int(slot)]
        return FigureInput(indicator: indicator, ytd: number(slot, 0), month: number(slot, 1), yoy: number(slot, 2),
                           value: number(slot, 3), num: number(slot, 4), den: number(slot, 5),
                           note: p.flags & Packed.hasNote != 0 ? notes[slot] : nil, estimate: p.flags & Packed.estimate != 0,
                           yearEstimate: p.flags & Packed.hasYearEstimate != 0 ? yearEstimates[slot] : nil)
    }

    /// Stores a figure whole (a submission replaces the figures it lists); returns its slot.
    @discardableResult
    mutating func set(_ region: Int32, _ indicator: Int16, _ period: Period, _ f: FigureInput, submission: Int32) -> Int32 {
        let key = Self.series(region, indicator, period.year)
        let base: Int32
        if let b = index[key] {
            base = b
        } else {
            base = Int32(slots.count)
            index[key] = base
            slots.append(contentsOf: repeatElement(Packed(), count: 12))
        }
        let slot = base + Int32(period.month - 1)
        var p = Packed()
        p.submission = submission
        p.flags = Packed.present | (f.estimate ? Packed.estimate : 0)
        for (field, number) in [f.ytd, f.month, f.yoy, f.value, f.num, f.den].enumerated() {
            let at = Int(slot) * 8 + field
            guard let number else { overflow[at] = nil; continue }
            if let small = Int64(exactly: number.significand) {
                p.setNumber(field, small)
                p.setScaleByte(field, UInt8(number.scale + 2))
                overflow[at] = nil
            } else {
                p.setScaleByte(field, 1)
                overflow[at] = number
            }
        }
        if let note = f.note {
            p.flags |= Packed.hasNote
            notes[slot] = note
        } else {
            notes[slot] = nil
        }
        if let y = f.yearEstimate {
            p.flags |= Packed.hasYearEstimate
            yearEstimates[slot] = y
        } else if !yearEstimates.isEmpty {
            yearEstimates[slot] = nil
        }
        slots[Int(slot)] = p
        return slot
    }

    /// Every stored figure: its region, indicator, period and slot.
    func forEach(_ body: (Int32, Int16, Period, Int32) -> Void) {
        for (key, base) in index {
            let region = Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32))
            let indicator = Int16(bitPattern: UInt16(truncatingIfNeeded: key >> 16))
            let year = Int(UInt16(truncatingIfNeeded: key))
            for m in 0..<12 where slots[Int(base) + m].isPresent {
                body(region, indicator, Period(year: year, month: m + 1)!, base + Int32(m))
            }
        }
    }

    /// The slots of a series' months that hold a figure, in month order.
    func months(_ region: Int32, _ indicator: Int16, year: Int) -> [(month: Int, slot: Int32)] {
        guard let base = index[Self.series(region, indicator, year)] else { return [] }
        return (0..<12).compactMap { m in slots[Int(base) + m].isPresent ? (m + 1, base + Int32(m)) : nil }
    }

    /// Where a series' twelve slots begin (nil: nothing stored for it); slot `base + month − 1`
    /// holds month `month` when `isPresent`.
    func base(_ region: Int32, _ indicator: Int16, year: Int) -> Int32? { index[Self.series(region, indicator, year)] }

    func isPresent(_ slot: Int32) -> Bool { slots[Int(slot)].isPresent }

    /// The quality flags of a stored figure, in `QualityCode` order.
    func quality(_ slot: Int32) -> [QualityCode] {
        let f = slots[Int(slot)].flags
        return (f & Packed.outlier != 0 ? [.outlier] : []) + (f & Packed.outsideBounds != 0 ? [.outsideBounds] : [])
    }

    mutating func setQuality(_ slot: Int32, _ codes: [QualityCode]) {
        var f = slots[Int(slot)].flags & ~(Packed.outlier | Packed.outsideBounds)
        for c in codes { f |= c == .outlier ? Packed.outlier : Packed.outsideBounds }
        slots[Int(slot)].flags = f
    }

    /// The year estimate of a stored figure, if it has one.
    func yearEstimate(_ slot: Int32) -> ExactDecimal? {
        slots[Int(slot)].flags & Packed.hasYearEstimate != 0 ? yearEstimates[slot] : nil
    }

    /// The slot of month `month` of a series, present or not (nil: the series has nothing).
    func slot(_ region: Int32, _ indicator: Int16, year: Int, month: Int) -> Int32? {
        guard let base = index[Self.series(region, indicator, year)] else { return nil }
        let s = base + Int32(month - 1)
        return slots[Int(s)].isPresent ? s : nil
    }

    /// The closest month of the same year before (or after) `period` with a stored ytd.
    func nearestYTD(_ region: Int32, _ indicator: Int16, _ period: Period, before: Bool) -> (period: Period, ytd: ExactDecimal)? {
        guard let base = index[Self.series(region, indicator, period.year)] else { return nil }
        let months = before ? Array((1..<period.month).reversed()) : Array((period.month + 1)..<13)
        for m in months {
            let s = base + Int32(m - 1)
            guard slots[Int(s)].isPresent, let ytd = number(s, 0) else { continue }
            return (Period(year: period.year, month: m)!, ytd)
        }
        return nil
    }
}
