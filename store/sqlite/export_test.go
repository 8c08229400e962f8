package sqlite

// SetCrossYearHook has CheckAcrossYears call f as it begins to compare a
// unit (nil: nothing), for tests of what another process writes meanwhile.
func SetCrossYearHook(db *DB, f func()) { db.crossHook = f }
