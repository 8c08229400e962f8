-- 0010: v_findings gives, for each figure a finding rests on, the fact it
-- is: its table (table_id), its value as the exact decimal and as a number
-- (value, value_num) and the value's unit (value_unit), as v_facts names
-- them. A figure of the finding's own report is its fact by fact_id; one of
-- another report (a cross-year finding's figure of the year before) is the
-- fact there of its concept, year, position and printed text. A figure that
-- is no fact (a sentence quoted) has NULL.

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
	cf.table_id, cf.value, cf.value_num, cf.unit AS value_unit,
	g.id AS finding_id, r.id AS report_id
FROM findings g
JOIN reports r ON r.id = g.report_id
JOIN documents d ON d.id = r.document_id
LEFT JOIN reports o ON o.id = g.other_report_id
LEFT JOIN evidence e ON e.finding_id = g.id
LEFT JOIN facts cf ON cf.report_id = e.report_id AND cf.fact_id = CASE WHEN e.fact_id != '' THEN e.fact_id ELSE
	(SELECT x.fact_id FROM facts x WHERE x.report_id = e.report_id AND x.concept = e.concept AND x.period = e.period
		AND x.printed = e.printed AND x.pos_file = e.pos_file AND x.pos_page = e.pos_page AND x.pos_line = e.pos_line
		AND x.pos_table = e.pos_table AND x.pos_row = e.pos_row AND x.pos_col = e.pos_col ORDER BY x.seq LIMIT 1) END
WHERE d.superseded_by IS NULL;
