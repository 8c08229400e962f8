-- 0009: a readable document that is no final-account report (report schema
-- 1.2, Report.NotReport: a note, an analyst's export, a program's source left
-- among the downloads) is recorded as imported with why it is no report, and
-- no report: no facts, tables or findings.

ALTER TABLE documents ADD COLUMN not_report TEXT NOT NULL DEFAULT ''; -- why an imported document is no report; '' for a report

DROP VIEW v_documents;
CREATE VIEW v_documents AS
SELECT d.sha256, d.status, d.error_class, d.error_message, d.not_report, d.format, d.pages, d.ocr_pages, d.size,
	r.unit, r.year,
	(SELECT count(*) FROM facts f WHERE f.report_id = r.id) AS facts,
	(SELECT group_concat(p.path, char(10)) FROM (SELECT path FROM paths WHERE document_id = d.id ORDER BY path) p) AS paths,
	d.extractor_version, d.attempts, d.deaths, d.extract_ms, d.updated_at
FROM documents d
LEFT JOIN reports r ON r.document_id = d.id
WHERE d.superseded_by IS NULL;
