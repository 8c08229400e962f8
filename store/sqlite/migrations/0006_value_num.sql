-- 0006: each fact's value as a number (facts.value_num, REAL), for SQL to
-- compare, sort, MAX and SUM: value is exact decimal text, the value of
-- record, and compared as text ('9' > '10', MAX('99.5') over '1000') it
-- gave wrong answers silently. value_num is computed from value and holds
-- its 15 significant digits (every amount a report prints), so it needs no
-- upkeep. v_facts shows it beside value, and v_facts_wide's figures are
-- numbers.

ALTER TABLE facts ADD COLUMN value_num REAL GENERATED ALWAYS AS (CAST(value AS REAL)) VIRTUAL;

DROP VIEW v_facts;
CREATE VIEW v_facts AS
SELECT r.unit, r.year, r.kind, d.sha256, r.file,
	f.fact_id, f.concept, f.period, f.value, f.value_num, f.unit AS value_unit, f.printed, f.precision,
	f.approx, f.of, f.derived_how IS NOT NULL AS derived, f.method, f.confidence,
	f.quote, f.section, f.table_id, f.repair_read, f.repair_reason,
	f.pos_file
		|| CASE WHEN f.pos_page > 0 THEN ':p' || f.pos_page ELSE '' END
		|| CASE WHEN f.pos_table > 0 THEN ':t' || f.pos_table || CASE WHEN f.pos_row > 0 THEN 'r' || f.pos_row || 'c' || f.pos_col ELSE '' END
		        WHEN f.pos_line > 0 THEN ':l' || f.pos_line ELSE '' END AS pos,
	r.id AS report_id
FROM facts f
JOIN reports r ON r.id = f.report_id
JOIN documents d ON d.id = r.document_id;

-- One row per report: unit, year and the common figures of the report's own
-- year, one column per concept (the column is the concept with "_" for "."),
-- as numbers (facts.value_num) in yuan (persons, count or points for staff,
-- vehicles and scores), so that they compare, sort and sum as numbers. A
-- printed table figure is preferred to the narrative's, a printed figure to
-- a derived one. NULL when the report does not state it.
DROP VIEW v_facts_wide;
CREATE VIEW v_facts_wide AS
SELECT r.unit, r.year, r.kind, d.sha256, d.format, r.file,
	(SELECT count(*) FROM facts f WHERE f.report_id = r.id) AS facts,
	(SELECT count(*) FROM findings g WHERE g.report_id = r.id AND g.severity = 'error') AS errors,
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'income.total' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "income_total",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'income.fiscal' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "income_fiscal",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'income.fiscal.gpb' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "income_fiscal_gpb",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'income.fiscal.fund' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "income_fiscal_fund",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'income.superior_subsidy' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "income_superior_subsidy",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'income.business' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "income_business",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'income.operating' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "income_operating",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'income.other' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "income_other",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'carryover.opening' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "carryover_opening",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'carryover.closing' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "carryover_closing",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'grand_total.income' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "grand_total_income",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'grand_total.expenditure' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "grand_total_expenditure",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'expenditure.total' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "expenditure_total",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'expenditure.basic' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "expenditure_basic",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'expenditure.project' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "expenditure_project",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'fiscal.grand_total' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "fiscal_grand_total",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'fiscal.expenditure' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "fiscal_expenditure",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'gpb.expenditure' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "gpb_expenditure",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'gpb.basic' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "gpb_basic",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'gpb.basic.personnel' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "gpb_basic_personnel",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'gpb.basic.public' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "gpb_basic_public",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'gpb.project' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "gpb_project",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'three_public.total' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "three_public_total",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'three_public.overseas' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "three_public_overseas",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'three_public.vehicle' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "three_public_vehicle",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'three_public.vehicle.purchase' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "three_public_vehicle_purchase",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'three_public.vehicle.operation' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "three_public_vehicle_operation",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'three_public.reception' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "three_public_reception",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'running_costs' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "running_costs",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'procurement.total' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "procurement_total",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'staff.authorized' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "staff_authorized",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'staff.actual' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "staff_actual",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'staff.retired' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "staff_retired",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'assets.vehicles' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "assets_vehicles",
	(SELECT f.value_num FROM facts f WHERE f.report_id = r.id AND f.concept = 'performance.score.total' AND f.period = r.year
		ORDER BY f.derived_how IS NOT NULL, f.table_id = '', f.seq LIMIT 1) AS "performance_score_total",
	r.id AS report_id
FROM reports r
JOIN documents d ON d.id = r.document_id;

