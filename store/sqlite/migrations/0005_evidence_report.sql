-- 0005: the report each figure a finding rests on is of (evidence.report_id).
-- A cross-year finding cites figures of the year before's report too, and a
-- fact_id is unique within one report only: such a figure's fact_id named
-- another fact of the finding's own report. It is now named by its report,
-- with an empty fact_id (as schema.Evidence.Fact is), and
-- findings.other_report_id names the report those figures are of (it named
-- the first of the year's editions, which need not be the one cited).

ALTER TABLE evidence ADD COLUMN report_id INTEGER REFERENCES reports (id) ON DELETE CASCADE;
CREATE INDEX evidence_report ON evidence (report_id);

UPDATE evidence SET report_id = (SELECT g.report_id FROM findings g WHERE g.id = evidence.finding_id);

-- A cited figure of a cross-year finding that is no fact of the finding's
-- own report (the same ID, printed and placed as cited) is the fact of a
-- report of the unit and kind for the year before that is; the SET
-- expressions read the row as it was.
UPDATE evidence SET
	report_id = (SELECT o.id FROM findings g
		JOIN reports r ON r.id = g.report_id
		JOIN reports o ON o.unit_key = r.unit_key AND o.kind = r.kind AND o.year = r.year - 1
		JOIN facts f ON f.report_id = o.id AND f.fact_id = evidence.fact_id
		WHERE g.id = evidence.finding_id AND f.printed = evidence.printed AND f.pos_file = evidence.pos_file
			AND f.pos_page = evidence.pos_page AND f.pos_line = evidence.pos_line AND f.pos_table = evidence.pos_table
			AND f.pos_row = evidence.pos_row AND f.pos_col = evidence.pos_col
		ORDER BY o.id LIMIT 1),
	fact_id = ''
WHERE fact_id != ''
	AND finding_id IN (SELECT id FROM findings WHERE scope = 'cross_year')
	AND NOT EXISTS (SELECT 1 FROM findings g
		JOIN facts f ON f.report_id = g.report_id AND f.fact_id = evidence.fact_id
		WHERE g.id = evidence.finding_id AND f.printed = evidence.printed AND f.pos_file = evidence.pos_file
			AND f.pos_page = evidence.pos_page AND f.pos_line = evidence.pos_line AND f.pos_table = evidence.pos_table
			AND f.pos_row = evidence.pos_row AND f.pos_col = evidence.pos_col);

-- A cross-year finding's other report is the one its figures of the year
-- before are of; one citing none (a note on the year's editions, or on most
-- figures disagreeing) has one only when the year had one report.
UPDATE findings SET other_report_id = (SELECT e.report_id FROM evidence e
		WHERE e.finding_id = findings.id AND e.report_id != findings.report_id ORDER BY e.seq LIMIT 1)
WHERE scope = 'cross_year'
	AND EXISTS (SELECT 1 FROM evidence e WHERE e.finding_id = findings.id AND e.report_id != findings.report_id);
UPDATE findings SET other_report_id = NULL
WHERE scope = 'cross_year'
	AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.finding_id = findings.id AND e.report_id IS NOT findings.report_id)
	AND (SELECT count(*) FROM reports r
		JOIN reports o ON o.unit_key = r.unit_key AND o.kind = r.kind AND o.year = r.year - 1
		WHERE r.id = findings.report_id) > 1;

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
LEFT JOIN reports o ON o.id = g.other_report_id
LEFT JOIN evidence e ON e.finding_id = g.id;
