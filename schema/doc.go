// Package schema holds juesuan's data types: the intermediate Document that every
// reader produces, the canonical Report that normalize, check and store consume,
// the position type that every value, error and finding carries, and the error
// classes shared by all readers.
//
// The pipeline is
//
//	file ─► extract/<format> ─► Document ─► normalize ─► Report(facts, tables) ─► check ─► Report(findings)
//
// Report, Fact and Finding are the output contract: their JSON form is described by
// report.schema.json (printed by `juesuan schema`), versioned by SchemaVersion, and
// only ever extended. Concept names follow the vocabulary in the project's domain
// guide (income.total, gpb.func.2010350, three_public.reception.budget, …).
//
// Units: amounts are in yuan (元) as exact decimals, never float64; shares and rates
// are in percent; counts in persons or items; scores in points. Every Fact keeps the
// text as printed and the half-width of the rounding interval that its printed digits
// imply, so that checks can tell a contradiction from rounding.
//
// Package schema imports nothing else of this module.
package schema
