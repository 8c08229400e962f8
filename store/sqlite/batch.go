package sqlite

import (
	"context"
	"database/sql"
	"strings"
)

// batchRows is how many rows one INSERT statement of a batch carries. A
// statement costs about as much as ten rows to run through the driver, so
// batching divides the cost of a document's two thousand rows by three or
// four; 64 rows of the widest table (27 columns) stay far below SQLite's
// limit of 32766 parameters.
const batchRows = 64

// batch inserts rows into one table, batchRows at a time, within a
// transaction.
type batch struct {
	ctx  context.Context
	tx   *sql.Tx
	head string // INSERT INTO t (a, b, …) VALUES
	row  string // (?, ?, …)
	ncol int
	full *sql.Stmt // the statement of a full batch, prepared on first use
	args []any
}

func newBatch(ctx context.Context, tx *sql.Tx, table, cols string) *batch {
	n := strings.Count(cols, ",") + 1
	return &batch{ctx: ctx, tx: tx, ncol: n,
		head: "INSERT INTO " + table + " (" + cols + ") VALUES ",
		row:  "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"}
}

// add queues one row; its values must be as many as the columns.
func (b *batch) add(vals ...any) error {
	if len(vals) != b.ncol {
		panic("sqlite: batch row of the wrong width")
	}
	b.args = append(b.args, vals...)
	if len(b.args) == b.ncol*batchRows {
		return b.flush()
	}
	return nil
}

// flush inserts the queued rows.
func (b *batch) flush() error {
	n := len(b.args) / b.ncol
	if n == 0 {
		return nil
	}
	var err error
	if n == batchRows {
		if b.full == nil {
			if b.full, err = b.tx.PrepareContext(b.ctx, b.query(n)); err != nil {
				return err
			}
		}
		_, err = b.full.ExecContext(b.ctx, b.args...)
	} else {
		_, err = b.tx.ExecContext(b.ctx, b.query(n), b.args...)
	}
	b.args = b.args[:0]
	return err
}

// close flushes the batch and releases its statement.
func (b *batch) close() error {
	err := b.flush()
	if b.full != nil {
		b.full.Close()
	}
	return err
}

func (b *batch) query(n int) string {
	return b.head + strings.TrimSuffix(strings.Repeat(b.row+", ", n), ", ")
}
