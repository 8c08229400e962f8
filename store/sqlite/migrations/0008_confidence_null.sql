-- 0008: a fact's confidence is NULL unless it was read by OCR: a figure of
-- a text layer had 0, so that "confidence < 0.5" caught every one of them,
-- and an OCR reading the engine was not sure of at all (0) looked like one.
-- SQLite cannot drop a NOT NULL, so the table is made again (with its
-- indexes, and the views that read it).

DROP VIEW v_facts;
DROP VIEW v_facts_wide;
DROP VIEW v_documents;

CREATE TABLE facts_new (
	report_id     INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	seq           INTEGER NOT NULL,               -- document order, from 0
	fact_id       TEXT    NOT NULL,               -- schema.Fact.ID, unique within the report
	concept       TEXT    NOT NULL,
	period        INTEGER NOT NULL,
	value         TEXT    NOT NULL,               -- exact decimal, the value of record
	unit          TEXT    NOT NULL,               -- yuan, percent, person, count, score
	printed       TEXT    NOT NULL,
	precision     TEXT    NOT NULL,               -- exact decimal, half-width of the rounding interval, in unit
	approx        INTEGER NOT NULL DEFAULT 0,
	of            TEXT    NOT NULL DEFAULT '',
	derived_how   TEXT,                           -- NULL for a printed fact
	derived_from  TEXT,                           -- JSON array of fact_ids, NULL for a printed fact
	pos_file      TEXT    NOT NULL DEFAULT '',
	pos_page      INTEGER NOT NULL DEFAULT 0,
	pos_line      INTEGER NOT NULL DEFAULT 0,
	pos_table     INTEGER NOT NULL DEFAULT 0,
	pos_row       INTEGER NOT NULL DEFAULT 0,
	pos_col       INTEGER NOT NULL DEFAULT 0,
	bbox          TEXT,                           -- JSON schema.BBox, NULL when unknown
	method        TEXT    NOT NULL,               -- text or ocr
	confidence    REAL,                           -- 0–1 for an OCR reading (0 included); NULL for text
	quote         TEXT    NOT NULL DEFAULT '',
	section       TEXT    NOT NULL DEFAULT '',
	table_id      TEXT    NOT NULL DEFAULT '',
	repair_read   TEXT,
	repair_reason TEXT,
	value_num     REAL GENERATED ALWAYS AS (CAST(value AS REAL)) VIRTUAL, -- value as a number, for comparing
	PRIMARY KEY (report_id, fact_id)
) WITHOUT ROWID;
INSERT INTO facts_new (report_id, seq, fact_id, concept, period, value, unit, printed, precision, approx, of, derived_how, derived_from, pos_file, pos_page, pos_line, pos_table, pos_row, pos_col, bbox, method, confidence, quote, section, table_id, repair_read, repair_reason)
SELECT report_id, seq, fact_id, concept, period, value, unit, printed, precision, approx, of, derived_how, derived_from, pos_file, pos_page, pos_line, pos_table, pos_row, pos_col, bbox, method, CASE WHEN method = 'ocr' THEN confidence END, quote, section, table_id, repair_read, repair_reason
FROM facts;
DROP TABLE facts;
ALTER TABLE facts_new RENAME TO facts;
CREATE INDEX facts_report_seq ON facts (report_id, seq);
CREATE INDEX facts_concept ON facts (concept, period);
CREATE INDEX facts_report_concept ON facts (report_id, concept, period);

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
JOIN documents d ON d.id = r.document_id
WHERE d.superseded_by IS NULL;

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
JOIN documents d ON d.id = r.document_id
WHERE d.superseded_by IS NULL;

CREATE VIEW v_documents AS
SELECT d.sha256, d.status, d.error_class, d.error_message, d.format, d.pages, d.ocr_pages, d.size,
	r.unit, r.year,
	(SELECT count(*) FROM facts f WHERE f.report_id = r.id) AS facts,
	(SELECT group_concat(p.path, char(10)) FROM (SELECT path FROM paths WHERE document_id = d.id ORDER BY path) p) AS paths,
	d.extractor_version, d.attempts, d.deaths, d.extract_ms, d.updated_at
FROM documents d
LEFT JOIN reports r ON r.document_id = d.id
WHERE d.superseded_by IS NULL;
