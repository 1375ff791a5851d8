/// An annual target: a level to reach by December (ytd) or a growth rate (yoy).
public enum Target: Sendable, Hashable {
    case level(ExactDecimal)
    case growth(ExactDecimal)
}

public enum Light: String, Sendable { case green, yellow, red }

/// Progress against a target in month M (PROTOCOL.md): progress = value / target × 100, time
/// progress = M / 12 × 100; green when progress ≥ time progress, yellow within 5 points below, red
/// beyond. A growth target: green when yoy ≥ target, yellow within 1 point below, red beyond. The
/// comparisons are exact (12·value ≥ M·target), the percentages shown are rounded to one decimal.
public struct TargetProgress: Sendable, Hashable {
    public var target: Target
    public var progress: ExactDecimal?
    public var timeProgress: ExactDecimal
    public var light: Light?

    public init(target: Target, value: ExactDecimal?, yoy: ExactDecimal?, month: Int) {
        self.target = target
        timeProgress = ExactDecimal(month * 100).divided(by: ExactDecimal(12), scale: 1)!
        switch target {
        case .level(let goal):
            guard let value, !goal.isZero, goal > .zero,
                  let twelve = value.multiplied(by: ExactDecimal(1200)),
                  let onTime = goal.multiplied(by: ExactDecimal(100 * month)),
                  let fiveBelow = goal.multiplied(by: ExactDecimal(100 * month - 60)) else {
                progress = nil
                light = nil
                return
            }
            progress = value.multiplied(by: ExactDecimal(100))?.divided(by: goal, scale: 1)
            light = twelve >= onTime ? .green : twelve >= fiveBelow ? .yellow : .red
        case .growth(let goal):
            progress = nil
            guard let yoy else { light = nil; return }
            light = yoy >= goal ? .green : yoy >= goal - ExactDecimal(1) ? .yellow : .red
        }
    }
}
