-- 0001: documents, their paths, and the reports read from them: facts, tables
-- and cells, findings with the facts and evidence they rest on.

-- One row per distinct file content (sha256). status says what became of it:
-- imported (a report was read; it may have no facts), failed (error_class says
-- why), quarantined (it killed its worker twice and is not tried again by
-- this extractor version).
CREATE TABLE documents (
	id                INTEGER PRIMARY KEY,
	sha256            TEXT    NOT NULL UNIQUE,
	size              INTEGER NOT NULL,              -- bytes
	format            TEXT    NOT NULL DEFAULT '',   -- sniffed from the bytes: pdf, docx, html, xlsx, xls, text, image; '' when unknown
	pages             INTEGER NOT NULL DEFAULT 0,    -- physical pages, when the format has them
	ocr_pages         INTEGER NOT NULL DEFAULT 0,    -- pages that had to be recognised from their image
	encoding          TEXT    NOT NULL DEFAULT '',
	status            TEXT    NOT NULL CHECK (status IN ('imported', 'failed', 'quarantined')),
	error_class       TEXT    NOT NULL DEFAULT '',   -- malformed, encrypted, unsupported, too_large, empty, timeout, crashed, out_of_memory, other
	error_message     TEXT    NOT NULL DEFAULT '',
	extractor_version TEXT    NOT NULL,
	attempts          INTEGER NOT NULL DEFAULT 0,    -- reads by this extractor version that ended (in a result or a worker's death)
	deaths            INTEGER NOT NULL DEFAULT 0,    -- of which killed (or hung) the worker
	extract_ms        INTEGER NOT NULL DEFAULT 0,    -- wall time of the last extraction, milliseconds
	store_ms          INTEGER NOT NULL DEFAULT 0,    -- wall time of writing it, milliseconds
	first_seen        TEXT    NOT NULL,              -- UTC, RFC 3339
	updated_at        TEXT    NOT NULL               -- UTC, RFC 3339
);
CREATE INDEX documents_status ON documents (status, error_class);

-- Every path a document was seen at (absolute).
CREATE TABLE paths (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	path        TEXT    NOT NULL,
	first_seen  TEXT    NOT NULL,
	PRIMARY KEY (document_id, path)
) WITHOUT ROWID;
CREATE INDEX paths_path ON paths (path);

-- The report read from an imported document (one per document). unit_key is
-- the unit's name normalised for matching across years (check.UnitKey).
-- cross_checked is 0 until the cross-year comparison has seen the report in
-- its current form.
CREATE TABLE reports (
	id             INTEGER PRIMARY KEY,
	document_id    INTEGER NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
	file           TEXT    NOT NULL,              -- the path positions refer to
	unit           TEXT    NOT NULL DEFAULT '',
	unit_key       TEXT    NOT NULL DEFAULT '',
	year           INTEGER NOT NULL DEFAULT 0,    -- year of the accounts; 0 when unknown
	kind           TEXT    NOT NULL DEFAULT '',
	schema_version TEXT    NOT NULL,
	sections       TEXT    NOT NULL DEFAULT '[]', -- JSON: []schema.Section
	warnings       TEXT    NOT NULL DEFAULT '[]', -- JSON: []schema.Warning
	cross_checked  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reports_unit_year ON reports (unit_key, year);
CREATE INDEX reports_unchecked ON reports (cross_checked, unit_key);

-- One row per fact, every field of schema.Fact. Amounts are exact decimals
-- stored as TEXT (yuan for money, percent for rates); CAST(value AS REAL)
-- to sort or sum approximately.
CREATE TABLE facts (
	report_id     INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	seq           INTEGER NOT NULL,               -- document order, from 0
	fact_id       TEXT    NOT NULL,               -- schema.Fact.ID, unique within the report
	concept       TEXT    NOT NULL,
	period        INTEGER NOT NULL,
	value         TEXT    NOT NULL,               -- exact decimal
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
	confidence    REAL    NOT NULL DEFAULT 0,
	quote         TEXT    NOT NULL DEFAULT '',
	section       TEXT    NOT NULL DEFAULT '',
	table_id      TEXT    NOT NULL DEFAULT '',
	repair_read   TEXT,
	repair_reason TEXT,
	PRIMARY KEY (report_id, fact_id)
) WITHOUT ROWID;
CREATE INDEX facts_report_seq ON facts (report_id, seq);
CREATE INDEX facts_concept ON facts (concept, period);
CREATE INDEX facts_report_concept ON facts (report_id, concept, period);

-- The identified tables of a report and their cells.
CREATE TABLE report_tables (
	report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	table_id   TEXT    NOT NULL,                  -- schema.ReportTable.ID: t01 … t09, perf, x1 …
	seq        INTEGER NOT NULL,
	kind       TEXT    NOT NULL,
	title      TEXT    NOT NULL DEFAULT '',
	money_unit TEXT    NOT NULL DEFAULT '',
	empty      INTEGER NOT NULL DEFAULT 0,
	empty_text TEXT    NOT NULL DEFAULT '',
	pos_file   TEXT    NOT NULL DEFAULT '',
	pos_page   INTEGER NOT NULL DEFAULT 0,
	pos_line   INTEGER NOT NULL DEFAULT 0,
	pos_table  INTEGER NOT NULL DEFAULT 0,
	pos_row    INTEGER NOT NULL DEFAULT 0,
	pos_col    INTEGER NOT NULL DEFAULT 0,
	bbox       TEXT,
	grid_rows  INTEGER,                           -- NULL when the table has no grid
	grid_cols  INTEGER,
	PRIMARY KEY (report_id, table_id)
) WITHOUT ROWID;

CREATE TABLE cells (
	report_id    INTEGER NOT NULL,
	table_id     TEXT    NOT NULL,
	row          INTEGER NOT NULL,                -- 0-based grid row of the top-left slot
	col          INTEGER NOT NULL,
	row_span     INTEGER NOT NULL DEFAULT 0,
	col_span     INTEGER NOT NULL DEFAULT 0,
	text         TEXT    NOT NULL DEFAULT '',
	pos_file     TEXT    NOT NULL DEFAULT '',
	pos_page     INTEGER NOT NULL DEFAULT 0,
	pos_line     INTEGER NOT NULL DEFAULT 0,
	pos_table    INTEGER NOT NULL DEFAULT 0,
	pos_row      INTEGER NOT NULL DEFAULT 0,
	pos_col      INTEGER NOT NULL DEFAULT 0,
	bbox         TEXT,
	method       TEXT    NOT NULL DEFAULT '',
	confidence   REAL    NOT NULL DEFAULT 0,
	alternatives TEXT,                            -- JSON []schema.Reading
	nested       TEXT,                            -- JSON []schema.Table
	images       TEXT,                            -- JSON []schema.Image (without bytes)
	PRIMARY KEY (report_id, table_id, row, col),
	FOREIGN KEY (report_id, table_id) REFERENCES report_tables (report_id, table_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Findings: scope 'report' for the checks of one report, 'cross_year' for the
-- comparison of the report (report_id, the later year) with another report of
-- the same unit for the year before (other_report_id).
CREATE TABLE findings (
	id              INTEGER PRIMARY KEY,
	report_id       INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	scope           TEXT    NOT NULL CHECK (scope IN ('report', 'cross_year')),
	other_report_id INTEGER REFERENCES reports (id) ON DELETE CASCADE,
	seq             INTEGER NOT NULL,             -- order within the report (or the pair), most severe first
	rule            TEXT    NOT NULL,
	family          TEXT    NOT NULL,
	severity        TEXT    NOT NULL,
	message         TEXT    NOT NULL,
	stated          TEXT    NOT NULL DEFAULT '',
	computed        TEXT    NOT NULL DEFAULT '',
	difference      TEXT    NOT NULL DEFAULT '',
	tolerance       TEXT    NOT NULL DEFAULT '',
	concepts        TEXT    NOT NULL DEFAULT '[]', -- JSON array
	pos_file        TEXT    NOT NULL DEFAULT '',
	pos_page        INTEGER NOT NULL DEFAULT 0,
	pos_line        INTEGER NOT NULL DEFAULT 0,
	pos_table       INTEGER NOT NULL DEFAULT 0,
	pos_row         INTEGER NOT NULL DEFAULT 0,
	pos_col         INTEGER NOT NULL DEFAULT 0,
	bbox            TEXT
);
CREATE INDEX findings_report ON findings (report_id, scope, seq);
CREATE INDEX findings_other ON findings (other_report_id);
CREATE INDEX findings_severity ON findings (severity, family);

-- The facts a finding names (schema.Finding.Facts), facts of the finding's report.
CREATE TABLE finding_facts (
	finding_id INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	fact_id    TEXT    NOT NULL,
	PRIMARY KEY (finding_id, seq)
) WITHOUT ROWID;

-- The figures a finding rests on, with their quotes and positions
-- (schema.Finding.Evidence); fact_id is empty for a figure of another report.
CREATE TABLE evidence (
	finding_id INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	fact_id    TEXT    NOT NULL DEFAULT '',
	concept    TEXT    NOT NULL DEFAULT '',
	period     INTEGER NOT NULL DEFAULT 0,
	printed    TEXT    NOT NULL DEFAULT '',
	quote      TEXT    NOT NULL DEFAULT '',
	pos_file   TEXT    NOT NULL DEFAULT '',
	pos_page   INTEGER NOT NULL DEFAULT 0,
	pos_line   INTEGER NOT NULL DEFAULT 0,
	pos_table  INTEGER NOT NULL DEFAULT 0,
	pos_row    INTEGER NOT NULL DEFAULT 0,
	pos_col    INTEGER NOT NULL DEFAULT 0,
	bbox       TEXT,
	PRIMARY KEY (finding_id, seq)
) WITHOUT ROWID;
