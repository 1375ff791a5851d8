/// What each error and warning code means, in the words a clerk reads; the daemon's own message
/// (which names the field and the numbers) follows it in reports.
public enum Messages {
    public static let chinese: [String: String] = [
        "accepted": "已接受", "duplicate": "重复提交（已在库中，未重复计入）", "valid": "校验通过（试提交，未入库）",
        "bad_json": "不是合法的 JSON", "bad_request": "请求缺少字段或字段类型不对", "bad_number": "数值格式不对",
        "unauthenticated": "未登录", "forbidden": "无权报送或查看该地区",
        "unknown_region": "未知地区", "unknown_indicator": "未知指标", "ambiguous_region": "地区名称不唯一",
        "bad_period": "时期格式不对", "future_period": "时期晚于当前月份",
        "validation_failed": "数据校验未通过", "stale_revision": "该地区该时期已有更新的修订",
        "key_reused": "提交键已用于不同内容", "period_locked": "该时期已锁定，不再接受报送",
        "unavailable": "服务暂时不可用（数据库连接中断），未入库", "internal_error": "服务内部错误，未入库",
        "negative": "数值不能为负", "ytd_decreasing": "累计值小于前一月（或大于后一月）的累计值",
        "month_mismatch": "当月值与累计值之差不符", "part_exceeds_whole": "分项大于总量",
        "ratio_mismatch": "比值与分子/分母不符", "zero_denominator": "分母为零", "not_integer": "该指标只能填整数",
        "unit_mismatch": "计量单位与指标不符", "duplicate_indicator": "同一指标重复填报", "required": "必填项为空",
        "mistyped": "字段类型不对", "unknown_field": "未知字段", "not_allowed": "该指标不能填此项",
        "yoy_mismatch": "同比增速与上年同期数据不符（警告）", "growth_out_of_range": "增速超出 ±100%（警告）",
        "conflict_opened": "本级数与下级合计不符，已登记待核（警告）",
        "not_sent": "未能发送（连接失败）", "held_back": "未提交（同组有误）", "not_submit": "不是提交请求", "extra_cells": "单元格多于表头",
        "ambiguous_indicator": "指标名称不唯一", "line_too_long": "行过长", "bad_estimate": "预计列填写不对", "bad_revision": "修订号不对",
        // PROTOCOL v1.2: review, data quality, frequencies, forecasts.
        "period_approved": "该时期已审核通过，不再接受报送（如需更正请联系审核单位退回）", "not_due": "该指标本月不需报送",
        "outlier": "与本地区近 24 个月的数据相比异常，请核实（警告）", "outside_bounds": "超出设定范围，请核实（警告）",
        "estimate_below_ytd": "预计全年低于本年累计", "unknown_group": "未知分组", "nothing_to_review": "该时期尚无可审核的数据",
        "unknown_conflict": "没有这个冲突", "conflict_closed": "冲突已自动关闭，无需处理",
        "empty": "未填写", "slow_consumer": "接收过慢，连接被服务器断开", "since_expired": "断线太久，所缺变更已不可补读，已重新读取",
    ]

    public static func explain(_ code: String) -> String { chinese[code] ?? code }
}
