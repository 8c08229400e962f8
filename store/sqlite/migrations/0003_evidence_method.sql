-- 0003: how each figure a finding rests on was read (text or OCR, the OCR's
-- confidence, and for a repaired OCR reading what was read first and why it
-- was corrected), so that a finding can be judged from the database alone;
-- the views show it, and v_facts shows repairs too.

ALTER TABLE evidence ADD COLUMN method TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN confidence REAL;
ALTER TABLE evidence ADD COLUMN repair_read TEXT;
ALTER TABLE evidence ADD COLUMN repair_reason TEXT;

DROP VIEW v_facts;
CREATE VIEW v_facts AS
SELECT r.unit, r.year, r.kind, d.sha256, r.file,
	f.fact_id, f.concept, f.period, f.value, f.unit AS value_unit, f.printed, f.precision,
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
	g.id AS finding_id, r.id AS report_id
FROM findings g
JOIN reports r ON r.id = g.report_id
LEFT JOIN reports o ON o.id = g.other_report_id
LEFT JOIN evidence e ON e.finding_id = g.id;
