package sqlite

// SetCrossYearHook has CheckAcrossYears call f once it has read and
// compared a unit, before it stores the findings (nil: nothing), for tests
// of what another process writes meanwhile.
func SetCrossYearHook(db *DB, f func()) { db.crossHook = f }
