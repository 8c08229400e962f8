-- 0004: how many rows at the top of a table's grid are its heads (report
-- schema 1.1, ReportTable.HeadRows): figures are read only below them.

ALTER TABLE report_tables ADD COLUMN head_rows INTEGER NOT NULL DEFAULT 0;
