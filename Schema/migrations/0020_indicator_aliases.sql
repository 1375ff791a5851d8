-- Other names an indicator goes by in the bureaus' own tables (规上工业产值 for 规上工业总产值):
-- clients read a cell naming any of them as the indicator. Added at run time by an administrator
-- (`add_alias`); every change bumps reference_version (trigger of 0012) so that every daemon knows.
ALTER TABLE indicators ADD COLUMN aliases text[] NOT NULL DEFAULT '{}';

UPDATE indicators SET aliases = '{规上工业产值,规模以上工业总产值,规模以上工业产值}' WHERE code = 'ind_output';
UPDATE indicators SET aliases = '{规模以上工业增加值,工业增加值}' WHERE code = 'ind_value_added';
UPDATE indicators SET aliases = '{外贸出口,出口总额}' WHERE code = 'exports';
UPDATE indicators SET aliases = '{规模以上工业企业数,规上企业数}' WHERE code = 'above_scale_firms';
UPDATE indicators SET aliases = '{亩均税收}' WHERE code = 'tax_per_mu';
