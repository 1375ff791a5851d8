@testable import HuizongCore

/// Zhejiang in small: two cities, their counties, a functional zone, and another province.
let zhejiang = RegionTree([
    Region(code: "330000", name: "浙江省", parent: nil, level: .province),
    Region(code: "330900", name: "舟山市", parent: "330000", level: .city),
    Region(code: "330902", name: "定海区", parent: "330900", level: .county),
    Region(code: "330903", name: "普陀区", parent: "330900", level: .county),
    Region(code: "331000", name: "台州市", parent: "330000", level: .city),
    Region(code: "331082", name: "临海市", parent: "331000", level: .county),
    // A functional zone with a statistics-only code sits under its city by explicit parent.
    Region(code: "330971", name: "舟山新区", parent: "330900", level: .county),
    Region(code: "110000", name: "北京市", parent: nil, level: .province),
])

/// The catalog the core tests use: kinds, a count in 个, and part-of relations.
let catalog = Catalog(indicators: [
    Indicator(code: "ind_value_added", name: "规上工业增加值", unit: "亿元", kind: .flow, comparableGrowth: true),
    Indicator(code: "ind_output", name: "规上工业总产值", unit: "亿元", kind: .flow),
    Indicator(code: "ship_output", name: "规上船舶工业产值", unit: "亿元", kind: .flow),
    Indicator(code: "high_tech_value_added", name: "高新技术产业增加值", unit: "亿元", kind: .flow),
    Indicator(code: "industrial_investment", name: "工业投资", unit: "亿元", kind: .flow),
    Indicator(code: "mfg_investment", name: "制造业投资", unit: "亿元", kind: .flow),
    Indicator(code: "exports", name: "外贸出口总额", unit: "亿美元", kind: .flow),
    Indicator(code: "new_5g_stations", name: "新增5G基站", unit: "个", kind: .flow),
    Indicator(code: "above_scale_firms", name: "规上工业企业数", unit: "家", kind: .stock),
    Indicator(code: "tax_per_mu", name: "规上工业亩均税收", unit: "万元/亩", kind: .ratio),
], parts: [
    Catalog.PartOf(part: "ind_value_added", whole: "ind_output"),
    Catalog.PartOf(part: "ship_output", whole: "ind_output"),
    Catalog.PartOf(part: "mfg_investment", whole: "industrial_investment"),
    Catalog.PartOf(part: "high_tech_value_added", whole: "ind_value_added"),
])
