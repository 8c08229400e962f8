package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/schema"
)

// CrossYearStats counts what CheckAcrossYears did.
type CrossYearStats struct {
	Units    int // units whose reports were compared again
	Pairs    int // (later, earlier) report pairs compared
	Findings int // findings stored
	// Left counts the units left for the next comparison, their reports
	// written by another process each time they were compared
	Left int
}

// CheckAcrossYears compares, for every unit with a report stored or replaced
// (or superseded) since the last comparison, each of its current reports
// with the unit's reports for the year before (check.CrossYear), and stores
// the findings in the later report, replacing that unit's earlier
// cross-year findings (a superseded report keeps none). A unit's reports
// are read and compared in one snapshot, which takes no lock, and the
// findings stored in a short write transaction that first checks that no
// report of the unit was written since: another process's writes (an
// import --force) do not wait while a unit is compared, and what is stored
// is of the reports as they are. A unit written meanwhile is compared
// again, up to crossAttempts times, and then left for the next call, as is
// an interrupted comparison (CrossYearStats.Left).
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
	// Reports that can have no pair are marked done at once (but for those
	// of a unit that another comparison has marked, which marks them done
	// with the rest: marked so, they would not bear the marks it read).
	if err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE reports SET cross_checked = 1 WHERE cross_checked != 1
			AND (unit_key = '' OR year = 0 AND cross_checked = 0)`)
		return err
	}); err != nil {
		return st, fmt.Errorf("sqlite: cross-year: %w", err)
	}
	units, err := db.strings(ctx, `SELECT DISTINCT unit_key FROM reports WHERE cross_checked != 1 ORDER BY unit_key`)
	if err != nil {
		return st, fmt.Errorf("sqlite: cross-year: %w", err)
	}
	for _, key := range units {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		pairs, n, ok, err := db.crossUnit(ctx, key, opt)
		if err != nil {
			return st, fmt.Errorf("sqlite: cross-year %s: %w", key, err)
		}
		if !ok {
			st.Left++
			continue
		}
		st.Units++
		st.Pairs += pairs
		st.Findings += n
	}
	return st, nil
}

// crossAttempts is how many times a unit is compared when another process
// writes one of its reports while it is compared each time. Such a write is
// one document's commit, and comparing a unit takes a fraction of a second
// (0.2 s for two years of a unit in two formats each), so a second attempt
// nearly always succeeds; a unit written again and again (several imports
// of its reports at once) is left for the next comparison, which the
// import that wrote it last runs.
const crossAttempts = 3

// crossUnit compares the reports of one unit and stores the findings; ok is
// false when another process wrote a report of the unit while it was
// compared, each of crossAttempts times, and nothing was stored.
//
// The unit's reports are marked with a token of this comparison (a
// negative cross_checked) in a short write transaction; they are read and
// compared in a snapshot taken after it; and the findings are stored only
// if the reports of the unit bear the marks the snapshot read, and the
// unit's current reports are those compared. Every write that touches a
// unit's reports (a report stored, replaced or dropped, a document
// superseded at a path or current again) sets cross_checked = 0 for all of
// them, so a write since the snapshot is seen even where a report was
// rewritten in place with its row id, which no comparison of ids would
// tell from the one compared.
//
// A report that bears another comparison's token keeps it: that comparison
// (another import finishing at the same time, or one interrupted) read the
// unit after its last write, as this one does, and whichever stores first
// stores for both, the other finding the unit done (cross_checked = 1) and
// comparing it again. Marked anew, the other's reports would no longer
// bear the marks it read, and two comparisons of one unit, each marking it
// as the other was about to store, would stop each other every time.
func (db *DB) crossUnit(ctx context.Context, key string, opt check.Options) (pairs, findings int, ok bool, err error) {
	for range crossAttempts {
		token := -1 - rand.Int64N(math.MaxInt64-1)
		if err := db.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE reports SET cross_checked = ? WHERE unit_key = ? AND cross_checked >= 0`, token, key)
			return err
		}); err != nil {
			return 0, 0, false, err
		}
		var ps []unitPair
		var ids []int64
		var marks map[int64]int64
		marked := false
		if err := db.view(ctx, func(q querier) error {
			var err error
			if marks, err = unitMarks(ctx, q, key); err != nil {
				return err
			}
			for _, m := range marks {
				if m >= 0 { // written (or stored by another) since the mark
					return nil
				}
			}
			marked = true
			ps, ids, findings, err = compareUnit(ctx, q, key, opt)
			return err
		}); err != nil {
			return 0, 0, false, err
		}
		if !marked {
			continue
		}
		if db.crossHook != nil {
			db.crossHook()
		}
		stored := false
		err = db.write(ctx, func(tx *sql.Tx) error {
			if current, err := unitCurrent(ctx, tx, key, marks, ids); err != nil || !current {
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
			stored = true
			return nil
		})
		if err != nil {
			return 0, 0, false, err
		}
		if stored {
			return len(ps), findings, true, nil
		}
	}
	return 0, 0, false, nil
}

// unitMarks gives the cross_checked of every report of a unit, by row id.
func unitMarks(ctx context.Context, q querier, key string) (map[int64]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, cross_checked FROM reports WHERE unit_key = ?`, key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	marks := map[int64]int64{}
	for rows.Next() {
		var id, m int64
		if err := rows.Scan(&id, &m); err != nil {
			return nil, err
		}
		marks[id] = m
	}
	return marks, rows.Err()
}

// unitCurrent tells whether the reports of a unit are as a comparison read
// them: they bear the marks it read (tokens, which no write leaves), and
// the current ones are ids (as compareUnit lists them).
func unitCurrent(ctx context.Context, q querier, key string, marks map[int64]int64, ids []int64) (bool, error) {
	now, err := unitMarks(ctx, q, key)
	if err != nil || !maps.Equal(now, marks) {
		return false, err
	}
	reps, err := unitReports(ctx, q, key)
	if err != nil {
		return false, err
	}
	if len(reps) != len(ids) {
		return false, nil
	}
	for i, r := range reps {
		if r.id != ids[i] {
			return false, nil
		}
	}
	return true, nil
}

// unitPair is a report compared with the reports of the year before, and
// the findings.
type unitPair struct {
	later    int64
	earlier  map[string]int64 // the reports of the year before, by digest
	findings []schema.Finding
}

// unitReport is a current report of a unit, as compareUnit lists them.
type unitReport struct {
	id   int64
	year int
	kind string
}

// unitReports lists the current reports of a unit with a year, by year,
// each year's with most facts first.
func unitReports(ctx context.Context, q querier, key string) ([]unitReport, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.year, r.kind FROM reports r JOIN documents d ON d.id = r.document_id
		WHERE r.unit_key = ? AND r.year != 0 AND d.superseded_by IS NULL
		ORDER BY r.year, (SELECT count(*) FROM facts f WHERE f.report_id = r.id) DESC, d.sha256`, key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []unitReport
	for rows.Next() {
		var r unitReport
		if err := rows.Scan(&r.id, &r.year, &r.kind); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// compareUnit compares the current reports of one unit, as q reads them,
// each with the reports of the year before of its kind; ids are the
// reports, as unitReports lists them.
func compareUnit(ctx context.Context, q querier, key string, opt check.Options) (ps []unitPair, ids []int64, findings int, err error) {
	type yearKind struct {
		year int
		kind string
	}
	reps, err := unitReports(ctx, q, key)
	if err != nil {
		return nil, nil, 0, err
	}
	// the reports of each year and kind, the one with most facts first: a
	// 单位决算 is compared with the 单位决算 of the year before, not with the
	// 部门决算 of its name
	ofYear := map[yearKind][]int64{}
	for _, r := range reps {
		ofYear[yearKind{r.year, r.kind}] = append(ofYear[yearKind{r.year, r.kind}], r.id)
		ids = append(ids, r.id)
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
				return nil, nil, 0, err
			}
			loaded[eid] = earlier
			both = append(both, earlier)
			bySHA[earlier.Source.SHA256] = eid
		}
		later, err := load(r.id)
		if err != nil {
			return nil, nil, 0, err
		}
		fs := check.CrossYear(append(both, later), opt)
		ps = append(ps, unitPair{r.id, bySHA, fs})
		findings += len(fs)
	}
	return ps, ids, findings, nil
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
