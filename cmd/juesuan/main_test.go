package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema/schematest"
)

// juesuan runs the CLI in-process and returns stdout, stderr and the exit status.
func juesuan(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no command", nil, 2, "Usage: juesuan COMMAND"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"help", []string{"--help"}, 0, "Commands:"},
		{"extract help", []string{"extract", "--help"}, 0, "Usage: juesuan extract"},
		{"extract no files", []string{"extract"}, 2, "no files given"},
		{"extract bad flag", []string{"extract", "--bogus", "x"}, 2, "flag provided but not defined"},
		{"pretty with two files", []string{"extract", "--pretty", "a", "b"}, 2, "--pretty takes one file"},
		{"schema with args", []string{"schema", "x"}, 2, "takes no arguments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := juesuan(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.err) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.err)
			}
		})
	}
}

func TestExtract(t *testing.T) {
	good := writeFile(t, "r.txt", "2023年度收入合计303.36万元。\n")
	junk := writeFile(t, "junk.pdf.txt", "\x00\x01\x02binary")

	out, stderr, code := juesuan(t, "extract", "--pretty", good)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	schematest.Validate(t, []byte(out))
	if !strings.Contains(out, "303.36万元") {
		t.Errorf("the text is not in the report:\n%s", out)
	}

	// Two files, one bad: one JSON line for the good one, the bad one named on stderr, exit 1.
	out, stderr, code = juesuan(t, "extract", good, junk, good)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 1 || len(lines) != 2 {
		t.Fatalf("exit %d, %d lines; want 1 and 2", code, len(lines))
	}
	for _, l := range lines {
		schematest.Validate(t, []byte(l))
	}
	if !strings.Contains(stderr, junk) || !strings.Contains(stderr, "unsupported format") {
		t.Errorf("stderr %q does not name the bad file and its class", stderr)
	}
}

func TestSchemaAndVersion(t *testing.T) {
	out, _, code := juesuan(t, "schema")
	var v map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || v["$schema"] == nil {
		t.Fatalf("schema: exit %d, output not a JSON Schema", code)
	}
	out, _, code = juesuan(t, "version")
	if code != 0 || !strings.HasPrefix(out, "juesuan ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}
