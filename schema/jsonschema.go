package schema

import _ "embed"

//go:embed report.schema.json
var reportSchema []byte

// JSONSchema returns the JSON Schema (draft 2020-12) of Report's JSON form. It is
// generated from these Go types by `go test ./schema -update` and committed, so
// that the contract is reviewed as a diff whenever it changes.
func JSONSchema() []byte {
	return append([]byte(nil), reportSchema...)
}
