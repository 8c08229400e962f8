// Package sqlitetest helps the tests of the store and of the commands that
// read it: ReadOnlyDir gives a test a folder that cannot be written, as a
// read-only medium or mount is, for root too.
package sqlitetest

import (
	"os"
	"os/exec"
	"regexp"
	"testing"
)

// dirEnv names, in the child process ReadOnlyDir starts for root, the
// folder made read-only.
const dirEnv = "JUESUAN_TEST_READONLY_DIR"

// ReadOnlyDir gives the test t a folder that cannot be written, holding
// what prepare wrote into it, and says whether the test goes on in this
// process. For a user other than root, whom permissions bind, it takes the
// folder's write permission (given back when the test ends) and returns
// the folder and true. Root ignores permissions, so for root the test is
// run again in a child process, in a mount namespace of its own where the
// folder is bound read-only (unshare and mount, from util-linux); in the
// child, ReadOnlyDir returns the folder and true without preparing it
// again, and in the parent it returns false once the child passed, failing
// t with the child's output otherwise. The test is skipped where neither
// can be done. childEnv is added to the child's environment.
//
// t must be a top-level test: the child runs it by its name.
func ReadOnlyDir(t *testing.T, prepare func(dir string), childEnv ...string) (string, bool) {
	t.Helper()
	if dir := os.Getenv(dirEnv); dir != "" {
		return dir, true
	}
	dir := t.TempDir()
	prepare(dir)
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		if f, err := os.Create(dir + "/probe"); err == nil {
			f.Close()
			t.Skip("a folder without write permission can be written to here")
		}
		return dir, true
	}
	// the mounts of the namespace are made private, so that the bind
	// stays in it
	const script = `mount --bind -o ro "$1" "$1" && shift && exec "$@"`
	probe := exec.Command("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", dir, "sh", "-c", `! touch "$1/probe" 2>/dev/null`, "sh", dir)
	if out, err := probe.CombinedOutput(); err != nil {
		t.Skipf("running as root, and a folder cannot be made read-only here (unshare --mount, mount --bind -o ro): %v %s", err, out)
	}
	cmd := exec.Command("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", dir,
		os.Args[0], "-test.run", "^"+regexp.QuoteMeta(t.Name())+"$", "-test.count", "1", "-test.v")
	cmd.Env = append(append(os.Environ(), childEnv...), dirEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("in a read-only bind of %s: %v\n%s", dir, err, out)
	}
	t.Logf("run as root, in a read-only bind of the folder:\n%s", out)
	return dir, false
}
