package sqlite_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/juesuan/juesuan/store/sqlite"
)

// TestFullDisk: on a disk with no room left, a database whose write-ahead
// log index (path-shm) is not there yet (it is removed with the log when
// the last connection closes) cannot be opened, to write or to read,
// SQLite failing to make that index (SQLITE_IOERR_SHMSIZE): that is
// ErrFull too. It was "disk I/O error (4874)", in every command, the
// import run again once the disk was full included. The test needs a
// small disk of its own: it mounts a tmpfs, which only root may.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small disk needs root")
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=2m"); err != nil {
		t.Skipf("cannot mount a small disk: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, 0) })
	ctx := context.Background()
	path := filepath.Join(dir, "f.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, err := os.Create(filepath.Join(dir, "fill"))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	f.Close()
	_, err = sqlite.Open(ctx, path)
	t.Logf("open: %v", err)
	if !errors.Is(err, sqlite.ErrFull) {
		t.Errorf("opening a database on a full disk: %v; want ErrFull", err)
	}
	_, err = sqlite.OpenReadOnly(ctx, path)
	t.Logf("open to read: %v", err)
	if !errors.Is(err, sqlite.ErrFull) {
		t.Errorf("opening a database on a full disk to read: %v; want ErrFull", err)
	}
}
