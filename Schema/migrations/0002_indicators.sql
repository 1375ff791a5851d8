-- The indicator catalog. The first fourteen codes are fixed by PROTOCOL.md; the rest come from the
-- seed reports (出口交货值, 新产品产值, 高新技术产业增加值, 研发费用, 营业收入, 亩均增加值).
INSERT INTO indicators (code, name, unit, kind, num_unit, den_unit, comparable_growth) VALUES
    ('ind_value_added',       '规上工业增加值',           '亿元',     'flow',  NULL,   NULL, true),
    ('ind_output',            '规上工业总产值',           '亿元',     'flow',  NULL,   NULL, false),
    ('ship_output',           '规上船舶工业产值',         '亿元',     'flow',  NULL,   NULL, false),
    ('industrial_investment', '工业投资',                 '亿元',     'flow',  NULL,   NULL, false),
    ('mfg_investment',        '制造业投资',               '亿元',     'flow',  NULL,   NULL, false),
    ('tech_investment',       '技改投资',                 '亿元',     'flow',  NULL,   NULL, false),
    ('digital_core_revenue',  '规上数字经济核心产业营收', '亿元',     'flow',  NULL,   NULL, false),
    ('exports',               '外贸出口总额',             '亿美元',   'flow',  NULL,   NULL, false),
    ('retail_sales',          '限上消费品零售总额',       '亿元',     'flow',  NULL,   NULL, false),
    ('industrial_power',      '工业用电量',               '万千瓦时', 'flow',  NULL,   NULL, false),
    ('burden_reduction',      '为企业减负',               '亿元',     'flow',  NULL,   NULL, false),
    ('new_5g_stations',       '新增5G基站',               '个',       'flow',  NULL,   NULL, false),
    ('above_scale_firms',     '规上工业企业数',           '家',       'stock', NULL,   NULL, false),
    ('tax_per_mu',            '规上工业亩均税收',         '万元/亩',  'ratio', '万元', '亩', false),
    ('export_delivery',       '规上工业出口交货值',       '亿元',     'flow',  NULL,   NULL, false),
    ('new_product_output',    '规上工业新产品产值',       '亿元',     'flow',  NULL,   NULL, false),
    ('high_tech_value_added', '高新技术产业增加值',       '亿元',     'flow',  NULL,   NULL, true),
    ('rd_expense',            '规上工业研发费用',         '亿元',     'flow',  NULL,   NULL, false),
    ('ind_revenue',           '规上工业营业收入',         '亿元',     'flow',  NULL,   NULL, false),
    ('value_added_per_mu',    '规上工业亩均增加值',       '万元/亩',  'ratio', '万元', '亩', false);

INSERT INTO indicator_parts (part, whole) VALUES
    ('ship_output',           'ind_output'),
    ('ind_value_added',       'ind_output'),
    ('export_delivery',       'ind_output'),
    ('new_product_output',    'ind_output'),
    ('mfg_investment',        'industrial_investment'),
    ('tech_investment',       'industrial_investment'),
    ('high_tech_value_added', 'ind_value_added');
