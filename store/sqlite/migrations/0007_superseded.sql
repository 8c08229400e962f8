-- 0007: a file downloaded again to the same path with other bytes is a new
-- document, and the one it replaced there is superseded: it stays in the
-- tables, with its report, but the views show current documents only (an
-- earlier version was counted beside the new one). paths.superseded_by is
-- the document seen at the path after this one (NULL while the path holds
-- it); documents.superseded_by is set when every path of a document holds
-- another now, to the last of them, and superseded_at says when.

ALTER TABLE paths ADD COLUMN superseded_by INTEGER REFERENCES documents (id);
ALTER TABLE paths ADD COLUMN superseded_at TEXT;   -- UTC, RFC 3339
ALTER TABLE documents ADD COLUMN superseded_by INTEGER REFERENCES documents (id);
ALTER TABLE documents ADD COLUMN superseded_at TEXT;
CREATE INDEX documents_superseded ON documents (superseded_by);

-- What is recorded already: at a path seen with several reports of one unit
-- and year, the one first seen there last holds it (the later row of two
-- seen in the same second); another unit's report saved under the same
-- name, a document that failed and one that is no report supersede nothing.
UPDATE paths SET
	superseded_by = (SELECT p.document_id FROM paths p
		JOIN reports rp ON rp.document_id = p.document_id
		JOIN reports rs ON rs.document_id = paths.document_id AND rs.unit_key = rp.unit_key AND rs.year = rp.year
		WHERE p.path = paths.path
			AND (p.first_seen > paths.first_seen OR p.first_seen = paths.first_seen AND p.document_id > paths.document_id)
		ORDER BY p.first_seen DESC, p.document_id DESC LIMIT 1),
	superseded_at = (SELECT p.first_seen FROM paths p
		JOIN reports rp ON rp.document_id = p.document_id
		JOIN reports rs ON rs.document_id = paths.document_id AND rs.unit_key = rp.unit_key AND rs.year = rp.year
		WHERE p.path = paths.path
			AND (p.first_seen > paths.first_seen OR p.first_seen = paths.first_seen AND p.document_id > paths.document_id)
		ORDER BY p.first_seen DESC, p.document_id DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM paths p
	JOIN reports rp ON rp.document_id = p.document_id
	JOIN reports rs ON rs.document_id = paths.document_id AND rs.unit_key = rp.unit_key AND rs.year = rp.year
	WHERE p.path = paths.path
		AND (p.first_seen > paths.first_seen OR p.first_seen = paths.first_seen AND p.document_id > paths.document_id));
UPDATE documents SET
	superseded_by = (SELECT p.superseded_by FROM paths p WHERE p.document_id = documents.id
		ORDER BY p.superseded_at DESC, p.superseded_by DESC LIMIT 1),
	superseded_at = (SELECT max(p.superseded_at) FROM paths p WHERE p.document_id = documents.id)
WHERE EXISTS (SELECT 1 FROM paths p WHERE p.document_id = documents.id)
	AND NOT EXISTS (SELECT 1 FROM paths p WHERE p.document_id = documents.id AND p.superseded_by IS NULL);
-- a superseded report is no edition of its year: compare the unit again
UPDATE reports SET cross_checked = 0 WHERE unit_key IN (SELECT r.unit_key FROM reports r
	JOIN documents d ON d.id = r.document_id WHERE d.superseded_by IS NOT NULL);

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
JOIN documents d ON d.id = r.document_id
WHERE d.superseded_by IS NULL;


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
JOIN documents d ON d.id = r.document_id
WHERE d.superseded_by IS NULL;


DROP VIEW v_findings;
CREATE VIEW v_findings AS
SELECT r.unit, r.year, r.file, g.scope, o.file AS other_file,
	g.severity, g.family, g.rule, g.message, g.stated, g.computed, g.difference, g.tolerance,
	g.pos_file
		|| CASE WHEN g.pos_page > 0 THEN ':p' || g.pos_page ELSE '' END
		|| CASE WHEN g.pos_table > 0 THEN ':t' || g.pos_table || CASE WHEN g.pos_row > 0 THEN 'r' || g.pos_row || 'c' || g.pos_col ELSE '' END
		        WHEN g.pos_line > 0 THEN ':l' || g.pos_line ELSE '' END AS pos,
	e.seq AS evidence_seq, e.printed, e.quote, e.method, e.confidence, e.repair_read, e.repair_reason,
	CASE WHEN e.finding_id IS NULL THEN NULL ELSE
	e.pos_file
		|| CASE WHEN e.pos_page > 0 THEN ':p' || e.pos_page ELSE '' END
		|| CASE WHEN e.pos_table > 0 THEN ':t' || e.pos_table || CASE WHEN e.pos_row > 0 THEN 'r' || e.pos_row || 'c' || e.pos_col ELSE '' END
		        WHEN e.pos_line > 0 THEN ':l' || e.pos_line ELSE '' END END AS evidence_pos,
	e.report_id AS evidence_report_id,
	g.id AS finding_id, r.id AS report_id
FROM findings g
JOIN reports r ON r.id = g.report_id
JOIN documents d ON d.id = r.document_id
LEFT JOIN reports o ON o.id = g.other_report_id
LEFT JOIN evidence e ON e.finding_id = g.id
WHERE d.superseded_by IS NULL;

-- Every current document with what became of it and the paths it was seen at.
DROP VIEW v_documents;
CREATE VIEW v_documents AS
SELECT d.sha256, d.status, d.error_class, d.error_message, d.format, d.pages, d.ocr_pages, d.size,
	r.unit, r.year,
	(SELECT count(*) FROM facts f WHERE f.report_id = r.id) AS facts,
	(SELECT group_concat(p.path, char(10)) FROM (SELECT path FROM paths WHERE document_id = d.id ORDER BY path) p) AS paths,
	d.extractor_version, d.attempts, d.deaths, d.extract_ms, d.updated_at
FROM documents d
LEFT JOIN reports r ON r.document_id = d.id
WHERE d.superseded_by IS NULL;
