package sqlite

import "context"

// SetCrossYearHook has CheckAcrossYears call f once it has read and
// compared a unit, before it stores the findings (nil: nothing), for tests
// of what another process writes meanwhile.
func SetCrossYearHook(db *DB, f func()) { db.crossHook = f }

// OpenWithStepHook is Open, calling f after each statement that creates
// or upgrades the schema, with the statement's name, for tests of a process
// killed, or another one opening the database, between two of them.
func OpenWithStepHook(ctx context.Context, path string, f func(step string)) (*DB, error) {
	return openStore(ctx, path, f)
}
