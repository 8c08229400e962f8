-- 0012: which import's summary listed each version superseded at a path
-- (paths.listed_by, the imports.id of that import; 0 for one listed by a
-- juesuan before this column), so that of two imports run at once on one
-- database that both read a file again at its path, one lists the version
-- it replaced, not both. NULL while no summary has listed it.
--
-- What is recorded already counts as listed, but for the versions
-- superseded since the first of the imports interrupted after the last
-- that finished: the next import lists those, whose summaries were never
-- printed.

ALTER TABLE paths ADD COLUMN listed_by INTEGER;
UPDATE paths SET listed_by = 0 WHERE superseded_by IS NOT NULL AND superseded_at < coalesce(
	(SELECT min(started_at) FROM imports WHERE finished_at IS NULL
		AND id > coalesce((SELECT max(id) FROM imports WHERE finished_at IS NOT NULL), 0)),
	'9999');
