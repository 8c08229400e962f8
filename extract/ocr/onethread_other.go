//go:build !unix

package ocr

// SingleThreaded does nothing where a program cannot replace itself: set
// OMP_THREAD_LIMIT=1 before starting it.
func SingleThreaded() {}
