import HuizongCore

extension Period {
    /// `Period(text)` over UTF-8 where it lies, step for step: four digits, a dash, two digits.
    /// (HuizongCore's is generic over `StringProtocol`, which across the module boundary walks the
    /// text through protocol witnesses, byte by byte.)
    init?(utf8 bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
        var value = 0
        for i in 0..<7 where i != 4 {
            let b = bytes[i]
            guard b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        self.init(year: value / 100, month: value % 100)
    }
}
