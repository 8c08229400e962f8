package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/juesuan/juesuan/schema"
)

// errBudget is what source returns once the object layer has read more than
// its budget; the read that hit it turns into ErrTooLarge.
var errBudget = errors.New("read budget exhausted")

// source is the file as ledongthuc/pdf sees it. The library wants the header
// "%PDF-1.x" and a line end at offset 0 and "%%EOF" in the last 100 bytes;
// published files have junk before the header, version 2.0, a header
// followed by a comment on the same line, or junk after %%EOF, all of which
// viewers accept. source presents the bytes from the header to the last
// %%EOF, with the header rewritten to one the library accepts. It also counts
// the bytes read and fails reads beyond a budget, so that a cross-reference
// chain that loops (which the library follows forever) ends.
type source struct {
	r         io.ReaderAt
	off       int64  // offset of "%PDF-" in r
	size      int64  // bytes of r presented: from off to the end of the last %%EOF
	tail      []byte // presented after them: a rebuilt cross-reference table (repair.go)
	head      []byte
	limit     int64 // the budget, in bytes
	budget    atomic.Int64
	exhausted atomic.Bool
}

// headerWindow is how far into the file the header is looked for (as
// package extract sniffs it), and tailWindow how far back from the end %%EOF.
const (
	headerWindow = 1024
	tailWindow   = 64 << 10
)

func newSource(r io.ReaderAt, size int64, budget int64) (*source, error) {
	n := min(size, headerWindow)
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, 0); err != nil && err != io.EOF {
		return nil, err
	}
	h := bytes.Index(buf, []byte("%PDF-"))
	if h < 0 {
		return nil, errors.New("no %PDF- header")
	}
	s := &source{r: r, off: int64(h), size: size - int64(h)}
	// The library checks "%PDF-1.[0-7]" and a line end at offset 8.
	s.head = []byte("%PDF-1.7\n")
	if s.size < int64(len(s.head)) {
		return nil, errors.New("file cut short after its header")
	}
	// Trim junk after the last %%EOF.
	tn := min(s.size, tailWindow)
	tail := make([]byte, tn)
	if _, err := r.ReadAt(tail, s.off+s.size-tn); err != nil && err != io.EOF {
		return nil, err
	}
	if e := bytes.LastIndex(tail, []byte("%%EOF")); e >= 0 {
		s.size = s.size - tn + int64(e) + 5
	}
	s.limit = budget
	s.budget.Store(budget)
	return s, nil
}

// total is the size presented.
func (s *source) total() int64 { return s.size + int64(len(s.tail)) }

func (s *source) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	if s.budget.Add(-int64(len(p))) < 0 {
		s.exhausted.Store(true)
		return 0, errBudget
	}
	if off >= s.total() {
		return 0, io.EOF
	}
	want := len(p)
	if rest := s.total() - off; int64(want) > rest {
		p = p[:rest]
	}
	n := 0
	var err error
	if off < s.size {
		q := p[:min(int64(len(p)), s.size-off)]
		n, err = s.r.ReadAt(q, s.off+off)
		if off < int64(len(s.head)) {
			copy(q[:n], s.head[off:])
		}
		if n < len(q) {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return n, err
		}
		err = nil
	}
	if n < len(p) {
		n += copy(p[n:], s.tail[off+int64(n)-s.size:])
	}
	if n < want {
		err = io.EOF
	}
	return n, err
}

// file is an open PDF: the library's reader over the source, the pages, and
// what the pages share (fonts, decoded forms, the work done so far).
type file struct {
	name  string
	size  int64
	src   *source
	lib   *lpdf.Reader
	opt   options
	pages []pageRef

	rep   *repairInfo // the cross-reference was rebuilt (repair.go); nil when the file's own is read
	count int         // pages the page tree's root counts (/Count)

	mu      sync.Mutex
	fonts   map[string]*font  // by the font dictionary's printed form
	missing map[string]string // what a font or XObject lacks in a repaired file, by its printed form
	decoded atomic.Int64      // stream bytes decoded so far
}

// pageRef is a page of the page tree with its inherited attributes.
type pageRef struct {
	v      lpdf.Value // the page dictionary
	res    lpdf.Value // resources, inherited
	box    [4]float64 // crop box within the media box, default user space
	rotate int        // 0, 90, 180 or 270, clockwise
	lost   string     // why the page cannot be read: its object or resources are missing
}

// open opens the file and reads its page tree.
func open(r io.ReaderAt, size int64, name string, opt options) (*file, error) {
	pos := schema.Pos{File: name}
	if opt.workers <= 0 {
		opt.workers = runtime.GOMAXPROCS(0)
	}
	budget := readBudget(size, opt)
	src, err := newSource(r, size, budget)
	if err != nil {
		return nil, errorf(pos, schema.ErrMalformed, "not a PDF: %v", err)
	}
	var lib *lpdf.Reader
	loop := checkXref(src)
	if loop == "" {
		lib, err = lpdf.NewReader(src, src.total())
	}
	if lib == nil {
		switch {
		case src.exhausted.Load():
			return nil, errorf(pos, schema.ErrTooLarge, "cross-reference data read more than %d bytes", budget)
		case errors.Is(err, lpdf.ErrInvalidPassword):
			return nil, errorf(pos, schema.ErrEncrypted, "needs a password (the empty user password does not open it)")
		}
		// The cross-reference is broken or missing: rebuild it from the
		// objects in the file, as viewers do.
		why := loop
		if why == "" {
			why = xrefWhy(err)
		}
		f, rerr := openRepaired(r, size, name, opt, budget, why)
		if rerr == nil {
			return f, nil
		}
		if !errors.Is(rerr, schema.ErrTooLarge) && !errors.Is(rerr, schema.ErrEncrypted) && hasEncrypt(src) {
			return nil, errorf(pos, schema.ErrEncrypted, "encryption the reader does not support: %v", err)
		}
		return nil, rerr
	}
	f := &file{name: name, size: size, src: src, lib: lib, opt: opt, fonts: map[string]*font{}}
	perr := f.catch(0, func() { f.pages = f.pageTree() })
	if perr == nil && len(f.pages) > 0 && f.lost() == 0 {
		return f, nil
	}
	if perr != nil && !errors.Is(perr, schema.ErrMalformed) {
		return nil, perr
	}
	// The table opens but does not lead to the pages: its offsets may be
	// wrong. A table rebuilt from the objects may do better.
	why := "the page tree is not reachable through it"
	switch {
	case perr != nil:
		why = printable(perr.Msg)
	case len(f.pages) > 0:
		why = fmt.Sprintf("%d of the %d pages it lists are not reachable through it", f.lost(), len(f.pages))
	}
	if g, rerr := openRepaired(r, size, name, opt, budget, why); rerr == nil && (perr != nil || len(g.pages)-g.lost() > len(f.pages)-f.lost()) {
		return g, nil
	}
	switch {
	case perr != nil:
		return nil, perr
	case len(f.pages) == 0:
		return nil, errorf(pos, schema.ErrMalformed, "no pages")
	}
	return f, nil
}

// lost counts the pages of the page tree that are missing from the file.
func (f *file) lost() int {
	n := 0
	for _, p := range f.pages {
		if p.lost != "" {
			n++
		}
	}
	return n
}

// hasEncrypt reports whether the file's trailer names an encryption
// dictionary, for files the library fails to open.
func hasEncrypt(src *source) bool {
	const chunk = 1 << 20
	buf := make([]byte, chunk+16)
	for off := int64(0); off < src.size; off += chunk {
		n, _ := src.r.ReadAt(buf[:min(int64(len(buf)), src.size-off)], src.off+off)
		if bytes.Contains(buf[:n], []byte("/Encrypt")) {
			return true
		}
	}
	return false
}

// catch runs fn, turning a panic of the library (or of this package's code
// working on the library's values) into an *schema.Error for page (0: the
// document). Bailouts pass through unchanged.
func (f *file) catch(page int, fn func()) (err *schema.Error) {
	defer func() {
		x := recover()
		if x == nil {
			return
		}
		if b, ok := x.(bailout); ok {
			err = b.err
			return
		}
		pos := schema.Pos{File: f.name, Page: page}
		if f.src.exhausted.Load() {
			err = errorf(pos, schema.ErrTooLarge, "more than %d bytes read from the file", f.src.limit)
			return
		}
		if f.opt.panics && ownPanic(debug.Stack()) {
			panic(x)
		}
		err = errorf(pos, schema.ErrMalformed, "%v", x)
	}()
	fn()
	return nil
}

const lostResources = "its resources are missing from the file"

// maxTreeDepth bounds the page tree's depth; balanced trees of 5 000 pages
// are 4 deep, and a tree that loops on itself is stopped by it.
const maxTreeDepth = 64

// pageTree lists the pages in order.
func (f *file) pageTree() []pageRef {
	root := f.lib.Trailer().Key("Root").Key("Pages")
	if c := root.Key("Count"); c.Kind() == lpdf.Integer && c.Int64() > 0 && c.Int64() <= int64(f.opt.pages) {
		f.count = int(c.Int64())
	}
	var pages []pageRef
	nodes := 0
	var walk func(node lpdf.Value, inh pageRef, depth int)
	walk = func(node lpdf.Value, inh pageRef, depth int) {
		nodes++
		if depth > maxTreeDepth || nodes > 4*f.opt.pages+16 {
			panic(bailout{errorf(schema.Pos{File: f.name}, schema.ErrMalformed, "page tree deeper than %d or looping", maxTreeDepth)})
		}
		if node.Kind() != lpdf.Dict {
			// A kid that is not there: a page, most likely, cut off or
			// pointed to by a wrong offset. It is listed, not read.
			if depth == 0 {
				return
			}
			if len(pages) >= f.opt.pages {
				panic(bailout{errorf(schema.Pos{File: f.name}, schema.ErrTooLarge, "more than %d pages", f.opt.pages)})
			}
			inh.v, inh.lost = node, "its page object is missing from the file"
			pages = append(pages, inh)
			return
		}
		if v := node.Key("Resources"); v.Kind() == lpdf.Dict {
			inh.res = v
			if inh.lost == lostResources {
				inh.lost = ""
			}
		} else if f.rep != nil && v.IsNull() && slices.Contains(node.Keys(), "Resources") {
			inh.lost = lostResources
		}
		if b, ok := rectOf(node.Key("MediaBox")); ok {
			inh.box = b
		}
		if b, ok := rectOf(node.Key("CropBox")); ok {
			inh.box = intersect(inh.box, b)
		}
		if v := node.Key("Rotate"); v.Kind() == lpdf.Integer || v.Kind() == lpdf.Real {
			inh.rotate = ((int(v.Float64())/90)%4 + 4) % 4 * 90
		}
		kids := node.Key("Kids")
		if node.Key("Type").Name() == "Page" || kids.Kind() != lpdf.Array {
			if len(pages) >= f.opt.pages {
				panic(bailout{errorf(schema.Pos{File: f.name}, schema.ErrTooLarge, "more than %d pages", f.opt.pages)})
			}
			inh.v = node
			pages = append(pages, inh)
			return
		}
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), inh, depth+1)
		}
	}
	walk(root, pageRef{box: [4]float64{0, 0, 612, 792}}, 0)
	for i := range pages {
		p := &pages[i]
		if p.box[2]-p.box[0] < 1 || p.box[3]-p.box[1] < 1 || p.box[2]-p.box[0] > 200*72 || p.box[3]-p.box[1] > 200*72 {
			p.box = [4]float64{0, 0, 612, 792} // nonsense boxes read as US Letter, as viewers do
		}
	}
	return pages
}

// rectOf reads a rectangle [x0 y0 x1 y1], normalised.
func rectOf(v lpdf.Value) ([4]float64, bool) {
	if v.Kind() != lpdf.Array || v.Len() != 4 {
		return [4]float64{}, false
	}
	var r [4]float64
	for i := range r {
		r[i] = v.Index(i).Float64()
		if math.IsNaN(r[i]) || math.IsInf(r[i], 0) {
			return r, false
		}
	}
	if r[0] > r[2] {
		r[0], r[2] = r[2], r[0]
	}
	if r[1] > r[3] {
		r[1], r[3] = r[3], r[1]
	}
	return r, true
}

func intersect(a, b [4]float64) [4]float64 {
	r := [4]float64{max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])}
	if r[0] >= r[2] || r[1] >= r[3] {
		return a // a crop box outside the media box is ignored, as viewers do
	}
	return r
}

// stream returns the decoded bytes of a stream (or of an array of streams,
// as a page's Contents may be), within the limits. A stream that ends early
// or fails to decode gives what was decoded and a note for a warning.
func (f *file) stream(v lpdf.Value, page int) ([]byte, string) {
	var parts []lpdf.Value
	switch v.Kind() {
	case lpdf.Stream:
		parts = []lpdf.Value{v}
	case lpdf.Array:
		for i := 0; i < v.Len() && i < 10000; i++ {
			if s := v.Index(i); s.Kind() == lpdf.Stream {
				parts = append(parts, s)
			}
		}
	default:
		return nil, ""
	}
	var out []byte
	var note string
	for _, s := range parts {
		b, err := f.decode(s, page)
		out = append(out, b...)
		if len(parts) > 1 {
			out = append(out, '\n') // streams of an array are separated by white space
		}
		if err != nil && note == "" {
			note = err.Error()
		}
	}
	return out, note
}

// decode reads one stream through the library's filters. Unsupported
// filters make the library panic; that is recovered here as a note, since a
// page whose content cannot be decoded is still a page (it needs OCR).
func (f *file) decode(s lpdf.Value, page int) (b []byte, err error) {
	defer func() {
		if x := recover(); x != nil {
			if _, ok := x.(bailout); ok {
				panic(x)
			}
			if f.src.exhausted.Load() {
				panic(bailout{errorf(schema.Pos{File: f.name, Page: page}, schema.ErrTooLarge, "more than %d bytes read from the file", f.src.limit)})
			}
			err = fmt.Errorf("%v", x)
		}
	}()
	if n := s.Key("Length").Int64(); n > f.src.size {
		err = fmt.Errorf("stream /Length %d runs past the end of the file", n)
	}
	rc := s.Reader()
	defer rc.Close()
	var rerr error
	b, rerr = io.ReadAll(io.LimitReader(rc, f.opt.stream+1))
	if rerr != nil && err == nil {
		err = rerr
	}
	if int64(len(b)) > f.opt.stream {
		panic(bailout{errorf(schema.Pos{File: f.name, Page: page}, schema.ErrTooLarge, "a stream decodes to more than %d MiB", f.opt.stream>>20)})
	}
	if f.decoded.Add(int64(len(b))) > f.opt.decoded {
		panic(bailout{errorf(schema.Pos{File: f.name, Page: page}, schema.ErrTooLarge, "streams decode to more than %d MiB in all", f.opt.decoded>>20)})
	}
	if f.src.exhausted.Load() {
		panic(bailout{errorf(schema.Pos{File: f.name, Page: page}, schema.ErrTooLarge, "more than %d bytes read from the file", f.src.limit)})
	}
	return b, err
}

// ownPanic reports whether the panic whose stack is given was raised in this
// package's code rather than in the library's, so that the fuzzer reports
// this package's bugs and accepts the library's panics on damaged input
// (which are recovered either way).
func ownPanic(stack []byte) bool {
	lines := bytes.Split(stack, []byte("\n"))
	for i, l := range lines {
		if bytes.HasPrefix(l, []byte("panic(")) {
			for _, m := range lines[i+1:] {
				if len(m) == 0 || m[0] == '\t' {
					continue
				}
				if bytes.HasPrefix(m, []byte("runtime.")) {
					continue // runtime.panicIndex and friends
				}
				return bytes.Contains(m, []byte("juesuan/extract/pdf."))
			}
		}
	}
	return false
}

// checkXref follows the chain of cross-reference sections from startxref
// through their /Prev entries, and reports a chain that loops: the library
// follows /Prev without remembering where it has been. Sections it cannot
// read are left to the library to judge.
func checkXref(src *source) string {
	const window = 64 << 10
	tail := make([]byte, min(src.size, 1024))
	if _, err := src.r.ReadAt(tail, src.off+src.size-int64(len(tail))); err != nil && err != io.EOF {
		return ""
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return ""
	}
	off, ok := leadingInt(tail[i+len("startxref"):])
	seen := map[int64]bool{}
	buf := make([]byte, window)
	for hops := 0; ok && hops < 1000; hops++ {
		if off < 0 || off >= src.size {
			return ""
		}
		if seen[off] {
			return fmt.Sprintf("cross-reference sections loop (/Prev %d is read twice)", off)
		}
		seen[off] = true
		n, _ := src.r.ReadAt(buf[:min(int64(window), src.size-off)], src.off+off)
		b := buf[:n]
		// The section's dictionary: after "trailer" for a table, the
		// stream's own for an xref stream. /Prev is searched up to the end
		// of that dictionary's first level, which is close enough.
		if bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte("xref")) {
			t := bytes.Index(b, []byte("trailer"))
			if t < 0 {
				return "" // a long table: leave it to the library
			}
			b = b[t:]
		}
		if e := bytes.Index(b, []byte("stream")); e >= 0 {
			b = b[:e]
		}
		if e := bytes.Index(b, []byte("startxref")); e >= 0 {
			b = b[:e]
		}
		p := bytes.Index(b, []byte("/Prev"))
		if p < 0 {
			return ""
		}
		off, ok = leadingInt(b[p+len("/Prev"):])
	}
	return ""
}

// leadingInt reads the integer at the start of b, after white space.
func leadingInt(b []byte) (int64, bool) {
	b = bytes.TrimLeft(b, " \t\r\n\f\x00")
	n := 0
	var v int64
	for n < len(b) && n < 18 && b[n] >= '0' && b[n] <= '9' {
		v = v*10 + int64(b[n]-'0')
		n++
	}
	return v, n > 0
}
