/// A region's annual targets for one indicator (PROTOCOL.md "Targets" and its v1.1 additions): a
/// level (ytd by December, or an end-of-year level for a stock or a ratio), a growth, and a share of
/// another indicator ("占规上工业比重达60%以上"). Any of them may be set, together or alone.
public struct TargetSet: Sendable, Hashable {
    public var level: ExactDecimal?
    public var growth: ExactDecimal?
    public var share: ExactDecimal?
    /// The indicator the share is of.
    public var shareOf: String?

    public init(level: ExactDecimal? = nil, growth: ExactDecimal? = nil, share: ExactDecimal? = nil, shareOf: String? = nil) {
        self.level = level
        self.growth = growth
        self.share = share
        self.shareOf = shareOf
    }

    public var isEmpty: Bool { level == nil && growth == nil && share == nil }
}

public enum Light: String, Sendable { case green, yellow, red }

/// Progress against a region's targets in month M. Comparisons are exact; the percentages shown
/// are rounded half away from zero to one decimal.
/// - Level of a flow: progress = ytd / target × 100 against time progress M/12 × 100: green when
///   progress ≥ time progress, yellow within 5 points below, red beyond (12·ytd ≥ M·target, exactly).
/// - Level of a stock or ratio (an end-of-year level): no time progress; green at 100 or more,
///   yellow within 5 points below, red beyond.
/// - Growth: green when yoy ≥ target, yellow within 1 point below, red beyond.
/// - Share: actual = ytd / ytd(of) × 100 to one decimal; green when actual ≥ share, yellow within
///   1 point below, red beyond; no actual and no light where either ytd is missing.
/// For an indicator whose `better` is `lower` (能耗, PROTOCOL.md v1.2) every target is a ceiling:
/// green at or below, yellow within the same margin above, red beyond.
public struct TargetProgress: Sendable, Hashable {
    public var targets: TargetSet
    public var progress: ExactDecimal?
    public var timeProgress: ExactDecimal?
    /// The level's light, or the growth's when there is no level target.
    public var light: Light?
    /// The growth's light when a level target is set too.
    public var yoyLight: Light?
    public var shareActual: ExactDecimal?
    public var shareLight: Light?
    /// A flow's level target against 预计全年 (PROTOCOL.md v1.2): shown for every such target,
    /// null without an estimate.
    public var hasProjection = false
    public var projected: ExactDecimal?
    public var projectedLight: Light?

    public init(targets: TargetSet, kind: IndicatorKind, value: ExactDecimal?, yoy: ExactDecimal?, month: Int,
                better: Better = .higher, yearEstimate: ExactDecimal? = nil, shareParts: (part: ExactDecimal, whole: ExactDecimal)? = nil) {
        self.targets = targets
        let floor = better == .higher
        /// `actual` against `goal` with `margin` of yellow (below a floor, above a ceiling).
        func judged(_ actual: ExactDecimal, _ goal: ExactDecimal, margin: ExactDecimal) -> Light {
            floor ? (actual >= goal ? .green : actual >= goal - margin ? .yellow : .red)
                  : (actual <= goal ? .green : actual <= goal + margin ? .yellow : .red)
        }
        let growthLight: Light? = targets.growth.flatMap { goal in yoy.map { judged($0, goal, margin: ExactDecimal(1)) } }
        // A stock's or ratio's level target is for the year's end: no time progress (v1.1); any other
        // target shows M/12 as in v1.
        let endOfYear = targets.level != nil && kind != .flow
        timeProgress = endOfYear ? nil : ExactDecimal(month * 100).divided(by: ExactDecimal(12), scale: 1)
        if let goal = targets.level {
            if let value, goal > .zero, let hundredfold = value.multiplied(by: ExactDecimal(100)) {
                progress = hundredfold.divided(by: goal, scale: 1)
                // progress ≥ due ⇔ 100·value ≥ due·goal, with due = 100·M/12 (or 100 at year end).
                let scale = endOfYear ? 1 : 12
                let due = endOfYear ? 100 : 100 * month
                if let lhs = hundredfold.multiplied(by: ExactDecimal(scale)),
                   let onTime = goal.multiplied(by: ExactDecimal(due)),
                   let five = goal.multiplied(by: ExactDecimal(5 * scale)) {
                    light = floor ? (lhs >= onTime ? .green : lhs >= onTime - five ? .yellow : .red)
                                  : (lhs <= onTime ? .green : lhs <= onTime + five ? .yellow : .red)
                }
            }
            yoyLight = growthLight
            if kind == .flow {
                hasProjection = true
                // 100·estimate against 100·goal (green), 95·goal or 105·goal (yellow): exact.
                if let estimate = yearEstimate, goal > .zero, let hundredfold = estimate.multiplied(by: ExactDecimal(100)),
                   let full = goal.multiplied(by: ExactDecimal(100)), let five = goal.multiplied(by: ExactDecimal(5)) {
                    projected = hundredfold.divided(by: goal, scale: 1)
                    projectedLight = floor ? (hundredfold >= full ? .green : hundredfold >= full - five ? .yellow : .red)
                                           : (hundredfold <= full ? .green : hundredfold <= full + five ? .yellow : .red)
                }
            }
        } else {
            light = growthLight
        }
        if let share = targets.share, let parts = shareParts, parts.whole > .zero,
           let hundredfold = parts.part.multiplied(by: ExactDecimal(100)), let actual = hundredfold.divided(by: parts.whole, scale: 1) {
            shareActual = actual
            shareLight = judged(actual, share, margin: ExactDecimal(1))
        }
    }
}
