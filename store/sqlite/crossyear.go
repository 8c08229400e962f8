package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/schema"
)

// CrossYearStats counts what CheckAcrossYears did.
type CrossYearStats struct {
	Units    int // units whose reports were compared again
	Pairs    int // (later, earlier) report pairs compared
	Findings int // findings stored
}

// CheckAcrossYears compares, for every unit with a report stored or replaced
// (or superseded) since the last comparison, each of its current reports
// with the unit's reports for the year before (check.CrossYear), and stores
// the findings in the later report, replacing that unit's earlier
// cross-year findings (a superseded report keeps none). A unit is done in
// one write transaction, its reports read in it too, so an interrupted
// comparison is finished by the next call, and another process's writes
// (an import --force) wait while a unit is compared: what is stored is of
// the reports as they are.
//
// A unit may have several reports for one year: the same report in several
// formats (the DOCX and the PDF), or a corrected edition. A report is
// compared with all of them at once, as check.CrossYear does: a figure for
// the year before agreeing with any of them agrees (and a note names them),
// so each finding is stored once, whatever the copies. A finding's other
// report (findings.other_report_id) is the one its figures of the year
// before are of, and each figure it cites is filed under the report it is
// of (evidence.report_id); a note that cites none names the year's report
// when there is one only. The reports of a unit already compared with stay
// in memory while it is done.
func (db *DB) CheckAcrossYears(ctx context.Context, opt check.Options) (CrossYearStats, error) {
	var st CrossYearStats
	// Reports that can have no pair are marked done at once.
	if err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE reports SET cross_checked = 1 WHERE cross_checked = 0 AND (unit_key = '' OR year = 0)`)
		return err
	}); err != nil {
		return st, fmt.Errorf("sqlite: cross-year: %w", err)
	}
	units, err := db.strings(ctx, `SELECT DISTINCT unit_key FROM reports WHERE cross_checked = 0 ORDER BY unit_key`)
	if err != nil {
		return st, fmt.Errorf("sqlite: cross-year: %w", err)
	}
	for _, key := range units {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		pairs, n, err := db.crossUnit(ctx, key, opt)
		if err != nil {
			return st, fmt.Errorf("sqlite: cross-year %s: %w", key, err)
		}
		st.Units++
		st.Pairs += pairs
		st.Findings += n
	}
	return st, nil
}

// crossUnit compares the reports of one unit and stores the findings. It
// reads the reports in the transaction that stores the findings, which
// holds the write lock throughout: another process (an import --force)
// replacing a report of the unit meanwhile waits, so a report listed is
// still there to read, and the findings stored are of the reports as they
// are when stored (a report rewritten in place may keep its row id, which
// no comparison of ids would tell from the one compared).
func (db *DB) crossUnit(ctx context.Context, key string, opt check.Options) (pairs, findings int, err error) {
	err = db.write(ctx, func(tx *sql.Tx) error {
		if db.crossHook != nil {
			db.crossHook()
		}
		ps, n, err := compareUnit(ctx, tx, key, opt)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM findings WHERE scope = 'cross_year'
			AND report_id IN (SELECT id FROM reports WHERE unit_key = ?)`, key); err != nil {
			return err
		}
		for _, p := range ps {
			if err := insertFindings(ctx, tx, p.later, "cross_year", p.findings, p.earlier); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET cross_checked = 1 WHERE unit_key = ?`, key); err != nil {
			return err
		}
		pairs, findings = len(ps), n
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return pairs, findings, nil
}

// unitPair is a report compared with the reports of the year before, and
// the findings.
type unitPair struct {
	later    int64
	earlier  map[string]int64 // the reports of the year before, by digest
	findings []schema.Finding
}

// compareUnit compares the current reports of one unit, as q reads them,
// each with the reports of the year before of its kind.
func compareUnit(ctx context.Context, q querier, key string, opt check.Options) (ps []unitPair, findings int, err error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.year, r.kind FROM reports r JOIN documents d ON d.id = r.document_id
		WHERE r.unit_key = ? AND r.year != 0 AND d.superseded_by IS NULL
		ORDER BY r.year, (SELECT count(*) FROM facts f WHERE f.report_id = r.id) DESC, d.sha256`, key)
	if err != nil {
		return nil, 0, err
	}
	type report struct {
		id   int64
		year int
		kind string
	}
	type yearKind struct {
		year int
		kind string
	}
	var reps []report
	// the reports of each year and kind, the one with most facts first: a
	// 单位决算 is compared with the 单位决算 of the year before, not with the
	// 部门决算 of its name
	ofYear := map[yearKind][]int64{}
	for rows.Next() {
		var r report
		if err := rows.Scan(&r.id, &r.year, &r.kind); err != nil {
			rows.Close()
			return nil, 0, err
		}
		ofYear[yearKind{r.year, r.kind}] = append(ofYear[yearKind{r.year, r.kind}], r.id)
		reps = append(reps, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	loaded := map[int64]*schema.Report{}
	load := func(id int64) (*schema.Report, error) {
		if r, ok := loaded[id]; ok {
			return r, nil
		}
		r, err := loadReport(ctx, q, id, false)
		if err != nil {
			return nil, fmt.Errorf("report %d: %w", id, err)
		}
		return r, nil
	}
	for _, r := range reps {
		eids := ofYear[yearKind{r.year - 1, r.kind}]
		if len(eids) == 0 {
			continue
		}
		var both []*schema.Report
		bySHA := map[string]int64{}
		for _, eid := range eids {
			earlier, err := load(eid)
			if err != nil {
				return nil, 0, err
			}
			loaded[eid] = earlier
			both = append(both, earlier)
			bySHA[earlier.Source.SHA256] = eid
		}
		later, err := load(r.id)
		if err != nil {
			return nil, 0, err
		}
		fs := check.CrossYear(append(both, later), opt)
		ps = append(ps, unitPair{r.id, bySHA, fs})
		findings += len(fs)
	}
	return ps, findings, nil
}

func (db *DB) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
