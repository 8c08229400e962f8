package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/juesuan/juesuan/schema"
)

// Repair of the cross-reference. A download cut short loses the end of the
// file, where the cross-reference table (or stream) and the trailer are;
// files edited by tools that do not rewrite the table, or with bytes lost
// or added in transfer, have offsets that point nowhere. Viewers then find
// the objects by scanning the file, and so does repair, when the library
// cannot open a file or the table it opens does not lead to the pages:
//
//   - every "N G obj" in the bytes is an object (the last definition of a
//     number wins, as in an incremental update); stream data is skipped
//     (from "stream" to "endstream"), and an object without its "endobj"
//     or "endstream" — the one the cut runs through — is left out, so that
//     what is listed is whole;
//   - the object streams found (/Type /ObjStm, PDF 1.5 and later) are
//     decoded through the library and the objects packed in them listed
//     too, at their stream's place in the file;
//   - the catalog is the trailer's /Root when a trailer (or cross-reference
//     stream) survives and names one that is there, else the last
//     /Type /Catalog; /Info, /Encrypt and /ID are taken from the last
//     trailer that has them;
//   - when the catalog or its page tree is lost (LibreOffice writes both at
//     the very end), a catalog and a page tree of their own list the page
//     objects (and page-tree nodes) no surviving node lists, in the order
//     of their object numbers.
//
// What was found is written after the source's bytes as a cross-reference
// stream (the only kind that can point into object streams) with its
// trailer entries, where the library reads it as the file's. The reader
// then reads what it can: a page whose object, content, resources, fonts or
// pictures are missing is listed, not read, and named in a warning
// (open.go, interp.go).

// Limits of the repair, on top of the reader's (the file's size, the
// decoded bytes).
const (
	// maxRepairSize is the largest file whose cross-reference is rebuilt:
	// the scan holds the file in memory once. Scanned reports reach 60 MB.
	maxRepairSize = 256 << 20

	// maxRepairObjects bounds the objects found and their numbers;
	// reports have a few thousand.
	maxRepairObjects = 1 << 20

	// maxObjStms bounds the object streams decoded; a report has a few
	// dozen, each of at most a few hundred objects.
	maxObjStms = 1 << 14

	// maxDictBytes bounds the bytes of an object read for its type and
	// references (a page tree node of 5 000 kids takes 50 000).
	maxDictBytes = 1 << 20

	// maxDictTokens bounds the tokens read of one such dictionary.
	maxDictTokens = 1 << 18
)

// repairInfo is what rebuilding the cross-reference found, for warnings.
type repairInfo struct {
	why       string // why the file's own table was not used
	objects   int    // objects listed
	packed    int    // of which in object streams
	cut       int    // objects left out: begun but not ended
	synthetic bool   // the page tree was lost: the pages are those found by scanning
}

// objDef is one definition of an object found by scanning.
type objDef struct {
	num, gen int
	off      int64  // offset of "N G obj" in the presented bytes; for a packed object, its stream's
	stm, idx int    // a packed object's stream number and index in it; stm < 0 at top level
	body     []byte // its dictionary or value (for a stream, the bytes before "stream")
}

// dictEntry is a value of a dictionary as repair reads it: the name it is,
// the references it holds (at any depth) and its bytes.
type dictEntry struct {
	name string
	refs []int
	raw  []byte
}

// repairScan is what scanning the file found.
type repairScan struct {
	top      []objDef // top-level definitions in file order
	packed   []objDef // definitions in object streams
	cut      int
	trailers []map[string]dictEntry // trailers and cross-reference stream dictionaries, in file order
	inForce  map[int]objDef         // the definition in force of each number
	maxNum   int                    // the largest number defined, referred to or counted (/Size): repair's own objects come after it
}

// scanObjects finds the objects at the top level of data and the trailers.
func scanObjects(data []byte) *repairScan {
	s := &repairScan{}
	noEndobj, noEndstream := false, false
	pos := 0
	for len(s.top) < maxRepairObjects {
		i := bytes.Index(data[pos:], []byte("obj"))
		if i < 0 {
			break
		}
		i += pos
		pos = i + 3
		if pos < len(data) && isRegular(data[pos]) {
			continue // "objx", not a keyword
		}
		num, gen, start, ok := objHeader(data, i)
		if !ok {
			continue
		}
		d := objDef{num: num, gen: gen, off: int64(start), stm: -1}
		rest := data[pos:]
		e := -1
		if !noEndobj {
			if e = bytes.Index(rest, []byte("endobj")); e < 0 {
				noEndobj = true
			}
		}
		head := rest
		if e >= 0 {
			head = rest[:e]
		}
		head = head[:min(len(head), maxDictBytes)]
		st := streamKeyword(head)
		switch {
		case st >= 0:
			d.body = rest[:st]
			if noEndstream {
				s.cut++
				continue
			}
			es := bytes.Index(rest[st:], []byte("endstream"))
			if es < 0 {
				// Cut in its data (or damaged): the rest of the file is
				// scanned from here on.
				noEndstream = true
				s.cut++
				pos += st + len("stream")
				continue
			}
			pos += st + es + len("endstream")
		case e >= 0:
			d.body = head
		default:
			s.cut++ // runs to the end of the file: the cut goes through it
			continue
		}
		s.top = append(s.top, d)
	}
	// Trailers: "trailer <<…>>" and the dictionaries of cross-reference
	// streams.
	for pos := 0; ; {
		i := bytes.Index(data[pos:], []byte("trailer"))
		if i < 0 {
			break
		}
		pos += i + len("trailer")
		if t := topDict(data[pos:min(len(data), pos+maxDictBytes)]); t != nil {
			s.trailers = append(s.trailers, t)
		}
	}
	for _, d := range s.top {
		if t := topDict(d.body); t["Type"].name == "XRef" {
			// In file order among the others: close enough, as tables and
			// streams are seldom mixed.
			s.trailers = append(s.trailers, t)
		}
	}
	return s
}

// objHeader reads "N G" before the "obj" at data[i:]: the object's number
// and generation and where N starts.
func objHeader(data []byte, i int) (num, gen, start int, ok bool) {
	j := i
	digits := func(most int) (int, bool) {
		end := j
		for j > 0 && end-j < most && data[j-1] >= '0' && data[j-1] <= '9' {
			j--
		}
		if j == end || j > 0 && data[j-1] >= '0' && data[j-1] <= '9' {
			return 0, false
		}
		n, err := strconv.Atoi(string(data[j:end]))
		return n, err == nil
	}
	spaces := func() bool {
		end := j
		for j > 0 && isSpace(data[j-1]) {
			j--
		}
		return j < end
	}
	if !spaces() {
		return 0, 0, 0, false
	}
	if gen, ok = digits(5); !ok || !spaces() {
		return 0, 0, 0, false
	}
	if num, ok = digits(7); !ok || num <= 0 || num >= maxRepairObjects || gen > 65535 {
		return 0, 0, 0, false
	}
	if j > 0 && isRegular(data[j-1]) && !bytes.HasSuffix(data[:j], []byte("endobj")) {
		return 0, 0, 0, false // part of a longer word
	}
	return num, gen, j, true
}

// maxRef is the largest object number b refers to ("N G R").
func maxRef(b []byte) int {
	most := 0
	for off := 0; ; {
		i := bytes.IndexByte(b[off:], 'R')
		if i < 0 {
			return most
		}
		i += off
		off = i + 1
		if off < len(b) && isRegular(b[off]) {
			continue
		}
		if n, _, _, ok := objHeader(b, i); ok {
			most = max(most, n)
		}
	}
}

// streamKeyword is the offset of the keyword "stream" that follows an
// object's dictionary, or -1.
func streamKeyword(b []byte) int {
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte("stream"))
		if i < 0 {
			return -1
		}
		i += off
		end := i + len("stream")
		if (i == 0 || !isRegular(b[i-1])) && (end == len(b) || !isRegular(b[end])) {
			return i
		}
		off = end
	}
}

// topDict reads the dictionary b starts with (after white space): each
// key's value, the references in it and its bytes. Nil when b does not
// start with a whole dictionary.
func topDict(b []byte) map[string]dictEntry {
	l := newLexer(b[:min(len(b), maxDictBytes)])
	if l.next().kind != tokDictOpen {
		return nil
	}
	d := map[string]dictEntry{}
	for tokens := 0; tokens < maxDictTokens; {
		t := l.next()
		tokens++
		switch t.kind {
		case tokEOF:
			return nil // cut off
		case tokDictClose:
			return d
		case tokName:
		default:
			continue // junk where a key should be
		}
		key := string(t.val)
		start := l.pos
		var e dictEntry
		t = l.next()
		tokens++
		switch t.kind {
		case tokEOF:
			return nil
		case tokDictClose:
			d[key] = e
			return d
		case tokName:
			e.name = string(t.val)
		case tokNumber:
			save := l.pos
			if t2, t3 := l.next(), l.next(); t2.kind == tokNumber && t3.kind == tokKeyword && string(t3.val) == "R" {
				e.refs = appendRef(e.refs, t.num)
			} else {
				l.pos = save
			}
		case tokArrayOpen, tokDictOpen:
			var nums []float64 // the numbers just before, for "N G R"
			for depth := 1; depth > 0 && tokens < maxDictTokens; {
				t := l.next()
				tokens++
				switch t.kind {
				case tokEOF:
					return nil
				case tokArrayOpen, tokDictOpen:
					depth++
				case tokArrayClose, tokDictClose:
					depth--
				case tokNumber:
					nums = append(nums, t.num)
					continue
				case tokKeyword:
					if string(t.val) == "R" && len(nums) >= 2 {
						e.refs = appendRef(e.refs, nums[len(nums)-2])
					}
				}
				nums = nums[:0]
			}
		}
		e.raw = b[start:l.pos]
		d[key] = e
	}
	return nil
}

func appendRef(refs []int, n float64) []int {
	if n >= 1 && n < maxRepairObjects && n == float64(int(n)) {
		refs = append(refs, int(n))
	}
	return refs
}

// lastTrailer is the value of key in the last trailer that has one for
// which ok holds.
func (s *repairScan) lastTrailer(key string, ok func(dictEntry) bool) (dictEntry, bool) {
	for i := len(s.trailers) - 1; i >= 0; i-- {
		if e, found := s.trailers[i][key]; found && ok(e) {
			return e, true
		}
	}
	return dictEntry{}, false
}

// settle decides the definition in force of each number: the last in the
// file, a packed object being where its stream is.
func (s *repairScan) settle() {
	s.inForce = map[int]objDef{}
	s.maxNum = 0
	all := append(append([]objDef(nil), s.top...), s.packed...)
	slices.SortStableFunc(all, func(a, b objDef) int {
		if a.off != b.off {
			if a.off < b.off {
				return -1
			}
			return 1
		}
		return a.idx - b.idx
	})
	for _, d := range all {
		s.inForce[d.num] = d
		s.maxNum = max(s.maxNum, d.num, maxRef(d.body))
	}
	for _, t := range s.trailers {
		if n, err := strconv.Atoi(string(bytes.TrimSpace(t["Size"].raw))); err == nil && n > 0 && n <= maxRepairObjects {
			s.maxNum = max(s.maxNum, n-1)
		}
	}
	// A packed object whose stream is not the definition in force of
	// the stream's number cannot be reached.
	for n, d := range s.inForce {
		if d.stm >= 0 {
			if st, ok := s.inForce[d.stm]; !ok || st.stm >= 0 || st.off != d.off {
				delete(s.inForce, n)
			}
		}
	}
}

// objStms lists the object streams in force, in file order.
func (s *repairScan) objStms() []int {
	var out []int
	for _, d := range s.top {
		if d.stm < 0 && topDict(d.body)["Type"].name == "ObjStm" {
			if f, ok := s.inForce[d.num]; ok && f.off == d.off {
				out = append(out, d.num)
			}
		}
	}
	if len(out) > maxObjStms {
		out = out[:maxObjStms]
	}
	return out
}

// unpack lists the objects of an object stream, given its decoded bytes.
func (s *repairScan) unpack(num int, off int64, data []byte, first int) {
	if first <= 0 || first > len(data) {
		return
	}
	l := newLexer(data[:first])
	type entry struct{ num, off int }
	var es []entry
	for {
		a, b := l.next(), l.next()
		if a.kind != tokNumber || b.kind != tokNumber {
			break
		}
		if a.num < 1 || a.num >= maxRepairObjects || b.num < 0 || int(b.num) > len(data)-first {
			continue
		}
		es = append(es, entry{int(a.num), int(b.num)})
	}
	for i, e := range es {
		end := len(data)
		if i+1 < len(es) && first+es[i+1].off >= first+e.off {
			end = first + es[i+1].off
		}
		if i > 65535 || len(s.top)+len(s.packed) >= maxRepairObjects {
			break
		}
		s.packed = append(s.packed, objDef{num: e.num, off: off, stm: num, idx: i + 1, body: data[first+e.off : end]})
	}
}

// pageTree decides the catalog: the trailer's root, else the last
// catalog, when its page tree is there. When it is not, it returns the
// objects a page tree of repair's own lists: the page objects and nodes no
// node lists, by number.
func (s *repairScan) pageTree() (root int, orphans []int) {
	typ := func(n int) (string, map[string]dictEntry) {
		d, ok := s.inForce[n]
		if !ok {
			return "", nil
		}
		t := topDict(d.body)
		return t["Type"].name, t
	}
	usable := func(n int) bool {
		if !bytes.Contains(s.inForce[n].body, []byte("Catalog")) {
			return false
		}
		ty, t := typ(n)
		if ty != "Catalog" || len(t["Pages"].refs) == 0 {
			return false
		}
		pty, pt := typ(t["Pages"].refs[0])
		return pty == "Pages" || pt["Kids"].raw != nil
	}
	if e, ok := s.lastTrailer("Root", func(e dictEntry) bool { return len(e.refs) > 0 && usable(e.refs[0]) }); ok {
		return e.refs[0], nil
	}
	var nums []int
	for n := range s.inForce {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	best := -1
	for _, n := range nums {
		if usable(n) && (best < 0 || s.inForce[n].off >= s.inForce[best].off) {
			best = n
		}
	}
	if best >= 0 {
		return best, nil
	}
	listed := map[int]bool{}
	var nodes []int
	for _, n := range nums {
		if !bytes.Contains(s.inForce[n].body, []byte("/Page")) {
			continue
		}
		ty, t := typ(n)
		switch ty {
		case "Pages":
			for _, k := range t["Kids"].refs {
				if k != n {
					listed[k] = true
				}
			}
			nodes = append(nodes, n)
		case "Page":
			nodes = append(nodes, n)
		}
	}
	for _, n := range nodes {
		if !listed[n] {
			orphans = append(orphans, n)
		}
	}
	return -1, orphans
}

// info is the document information dictionary: the trailer's, else the
// last dictionary that looks like one.
func (s *repairScan) info() int {
	if e, ok := s.lastTrailer("Info", func(e dictEntry) bool {
		_, there := s.inForce[firstRef(e)]
		return there
	}); ok {
		return e.refs[0]
	}
	best := -1
	for n, d := range s.inForce {
		if !bytes.Contains(d.body, []byte("/Producer")) && !bytes.Contains(d.body, []byte("/CreationDate")) {
			continue
		}
		t := topDict(d.body)
		if _, typed := t["Type"]; typed {
			continue
		}
		if _, p := t["Producer"]; !p {
			if _, c := t["CreationDate"]; !c {
				continue
			}
		}
		if best < 0 || d.off > s.inForce[best].off || d.off == s.inForce[best].off && n > best {
			best = n
		}
	}
	return best
}

func firstRef(e dictEntry) int {
	if len(e.refs) == 0 {
		return -1
	}
	return e.refs[0]
}

// xrefStream writes what follows the source's bytes (base of them): the
// objects of repair's own page tree when orphans are given, and a
// cross-reference stream listing every object in force, with the trailer
// entries. extra goes into the trailer.
func (s *repairScan) xrefStream(base int64, root int, orphans []int, extra string) []byte {
	var tail bytes.Buffer
	tail.WriteString("\n")
	next := s.maxNum + 1
	own := map[int]int64{} // repair's own objects: offsets
	if root < 0 && len(orphans) > 0 {
		cat, pages := next, next+1
		next += 2
		root = cat
		own[cat] = base + int64(tail.Len())
		fmt.Fprintf(&tail, "%d 0 obj\n<< /Type /Catalog /Pages %d 0 R >>\nendobj\n", cat, pages)
		own[pages] = base + int64(tail.Len())
		fmt.Fprintf(&tail, "%d 0 obj\n<< /Type /Pages /Count %d /Kids [", pages, len(orphans))
		for _, n := range orphans {
			fmt.Fprintf(&tail, " %d %d R", n, s.inForce[n].gen)
		}
		tail.WriteString(" ] >>\nendobj\n")
	}
	xref := next
	size := xref + 1
	own[xref] = base + int64(tail.Len())
	const w = 1 + 4 + 2
	rows := make([]byte, 0, size*w)
	row := func(typ byte, a uint32, b uint16) {
		rows = append(rows, typ)
		rows = binary.BigEndian.AppendUint32(rows, a)
		rows = binary.BigEndian.AppendUint16(rows, b)
	}
	for n := 0; n < size; n++ {
		if off, ok := own[n]; ok {
			row(1, uint32(off), 0)
			continue
		}
		d, ok := s.inForce[n]
		switch {
		case n == 0:
			row(0, 0, 65535)
		case !ok:
			row(0, 0, 0)
		case d.stm >= 0:
			row(2, uint32(d.stm), uint16(d.idx-1))
		default:
			row(1, uint32(d.off), uint16(d.gen))
		}
	}
	fmt.Fprintf(&tail, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2]", xref, size)
	if root > 0 {
		fmt.Fprintf(&tail, " /Root %d %d R", root, s.gen(root))
	}
	if n := s.info(); n > 0 {
		fmt.Fprintf(&tail, " /Info %d %d R", n, s.gen(n))
	}
	if e, ok := s.lastTrailer("Encrypt", func(e dictEntry) bool { _, there := s.inForce[firstRef(e)]; return there }); ok {
		fmt.Fprintf(&tail, " /Encrypt %d %d R", e.refs[0], s.gen(e.refs[0]))
	}
	if e, ok := s.lastTrailer("ID", func(e dictEntry) bool { return len(e.raw) < 512 }); ok {
		fmt.Fprintf(&tail, " /ID %s", bytes.TrimSpace(e.raw))
	}
	fmt.Fprintf(&tail, "%s /Length %d >>\nstream\n", extra, len(rows))
	tail.Write(rows)
	fmt.Fprintf(&tail, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", own[xref])
	return tail.Bytes()
}

func (s *repairScan) gen(n int) int {
	if d, ok := s.inForce[n]; ok && d.stm < 0 {
		return d.gen
	}
	return 0
}

// objStmKey is the trailer key under which the first opening lists the
// object streams, so that they can be decoded through the library.
const objStmKey = "JuesuanObjStms"

// openRepaired rebuilds the cross-reference of the file and opens it; why
// says what was wrong with the file's own.
func openRepaired(r io.ReaderAt, size int64, name string, opt options, budget int64, why string) (*file, *schema.Error) {
	pos := schema.Pos{File: name}
	if opt.workers <= 0 {
		opt.workers = runtime.GOMAXPROCS(0)
	}
	fail := func(format string, args ...any) (*file, *schema.Error) {
		return nil, errorf(pos, schema.ErrMalformed, "%s; rebuilding the cross-reference by scanning the file: %s", why, fmt.Sprintf(format, args...))
	}
	src, err := newSource(r, size, budget)
	if err != nil {
		return fail("%v", err)
	}
	// The whole file: a cut file's last %%EOF may end an earlier revision.
	src.size = size - src.off
	if src.size > maxRepairSize {
		return nil, errorf(pos, schema.ErrTooLarge, "%s; a file of more than %d MiB is not scanned to rebuild it", why, maxRepairSize>>20)
	}
	data := make([]byte, src.size)
	n, err := r.ReadAt(data, src.off)
	if err != nil && err != io.EOF {
		return nil, &schema.Error{Pkg: "pdf", Pos: pos, Err: err}
	}
	data = data[:n]
	src.size = int64(n)
	sc := scanObjects(data)
	sc.settle()
	if len(sc.inForce) == 0 {
		return fail("no object found")
	}
	f := &file{name: name, size: size, src: src, opt: opt, fonts: map[string]*font{}}
	reopen := func(root int, orphans []int, extra string) *schema.Error {
		src.tail = sc.xrefStream(src.size, root, orphans, extra)
		lib, err := lpdf.NewReader(src, src.total())
		switch {
		case src.exhausted.Load():
			return errorf(pos, schema.ErrTooLarge, "cross-reference data read more than %d bytes", budget)
		case err == lpdf.ErrInvalidPassword:
			return errorf(pos, schema.ErrEncrypted, "needs a password (the empty user password does not open it)")
		case err != nil:
			_, e := fail("the rebuilt cross-reference does not open: %v", err)
			return e
		}
		f.lib = lib
		return nil
	}
	// First the objects at the top level, to decode the object streams
	// through the library; then all.
	if stms := sc.objStms(); len(stms) > 0 {
		var list strings.Builder
		for _, n := range stms {
			fmt.Fprintf(&list, " %d %d R", n, sc.inForce[n].gen)
		}
		if err := reopen(-1, nil, " /"+objStmKey+" ["+list.String()+" ]"); err != nil {
			return nil, err
		}
		if err := f.catch(0, func() {
			arr := f.lib.Trailer().Key(objStmKey)
			for i, n := range stms {
				v := arr.Index(i)
				if v.Kind() != lpdf.Stream || v.Key("Type").Name() != "ObjStm" {
					continue
				}
				b, err := f.decode(v, 0)
				if err != nil {
					continue // a damaged stream: its objects are missing
				}
				sc.unpack(n, sc.inForce[n].off, b, int(v.Key("First").Int64()))
			}
		}); err != nil {
			return nil, err
		}
		sc.settle()
	}
	root, orphans := sc.pageTree()
	if root < 0 && len(orphans) == 0 {
		return fail("%d objects found, no page", len(sc.inForce))
	}
	if err := reopen(root, orphans, ""); err != nil {
		return nil, err
	}
	f.rep = &repairInfo{why: why, objects: len(sc.inForce), packed: len(sc.packed), cut: sc.cut}
	f.rep.synthetic = root < 0
	if err := f.catch(0, func() { f.pages = f.pageTree() }); err != nil {
		return nil, err
	}
	if len(f.pages) == 0 {
		return fail("%d objects found, no page", len(sc.inForce))
	}
	return f, nil
}

// xrefWhy says why the library could not open the file, in words for
// the warning, without the bytes it quotes.
func xrefWhy(err error) string {
	msg := err.Error()
	for _, m := range []struct{ lib, says string }{
		{"missing %%EOF", "the file does not end with %%EOF: cut short"},
		{"missing final startxref", "no startxref at the end of the file"},
		{"startxref not followed by integer", "no offset after startxref"},
		{"cross-reference table not found", "startxref does not point to a cross-reference table"},
		{"xref table not followed by trailer", "the cross-reference table has no trailer"},
		{"malformed xref table", "the cross-reference table is damaged"},
		{"trailer missing /Size", "the trailer has no /Size"},
	} {
		if strings.Contains(msg, m.lib) {
			return m.says
		}
	}
	return printable(msg)
}

// printable is a message of the library for a warning: the bytes it
// quotes from the file made valid text, and at most 100 characters.
func printable(msg string) string {
	msg = strings.Map(func(r rune) rune {
		if r < ' ' || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.ToValidUTF8(msg, ""))
	if r := []rune(msg); len(r) > 100 {
		msg = string(r[:100]) + "…"
	}
	return msg
}

// repairWarnings are the document's warnings about the repair.
func (f *file) repairWarnings() []schema.Warning {
	rep := f.rep
	pos := schema.Pos{File: f.name}
	msg := fmt.Sprintf("pdf: cross-reference rebuilt by scanning the file (%s): %d objects found", rep.why, rep.objects)
	if rep.packed > 0 {
		msg += fmt.Sprintf(", %d of them in object streams", rep.packed)
	}
	if rep.cut > 0 {
		msg += fmt.Sprintf("; %d cut off", rep.cut)
	}
	ws := []schema.Warning{{Pos: pos, Message: msg}}
	if rep.synthetic {
		ws = append(ws, schema.Warning{Pos: pos, Message: fmt.Sprintf("pdf: the page tree is missing from the file: the %d pages found are read in the order of their object numbers, and the file may have had more", len(f.pages))})
	} else if f.count > len(f.pages) {
		ws = append(ws, schema.Warning{Pos: pos, Message: fmt.Sprintf("pdf: the page tree counts %d pages but lists %d: a part of it is missing from the file", f.count, len(f.pages))})
	}
	return ws
}

// maxMissingVisits bounds the values looked at under one font, picture or
// content stream for objects a repaired file lacks; a CJK font with its
// widths is a few thousand.
const maxMissingVisits = 1 << 16

// skipMissing are the keys whose objects reading the text layer does not
// need: a font's embedded program (the text comes from its encoding and
// ToUnicode), structure, metadata, and links back up the page tree.
var skipMissing = map[string]bool{
	"Parent": true, "FontFile": true, "FontFile2": true, "FontFile3": true, "CIDSet": true,
	"CIDToGIDMap": true, "Metadata": true, "PieceInfo": true, "StructParent": true,
	"StructParents": true, "OC": true, "Resources": true, "Thumb": true, "Annots": true,
	"B": true, "Group": true, "SMask": true, "Mask": true, "OPI": true, "Alternates": true,
}

// missingIn names the first object under v (a font, a picture or form, a
// page's content) that a repaired file lacks: a dictionary entry or array
// element that refers to an object not there, as a path ("/DescendantFonts[0]/W").
// A form's resources are left to the form's run, which looks up what it
// uses.
func (f *file) missingIn(v lpdf.Value) string {
	key := v.String()
	f.mu.Lock()
	s, ok := f.missing[key]
	f.mu.Unlock()
	if ok {
		return s
	}
	budget := maxMissingVisits
	s = missingUnder(v, &budget, 0)
	f.mu.Lock()
	if f.missing == nil {
		f.missing = map[string]string{}
	}
	f.missing[key] = s
	f.mu.Unlock()
	return s
}

func missingUnder(v lpdf.Value, budget *int, depth int) string {
	if depth > maxNest {
		return ""
	}
	switch v.Kind() {
	case lpdf.Dict, lpdf.Stream:
		for _, k := range v.Keys() {
			if skipMissing[k] || *budget <= 0 {
				continue
			}
			*budget--
			c := v.Key(k)
			if c.IsNull() {
				if refersTo(v, k) {
					return "/" + k
				}
				continue
			}
			if s := missingUnder(c, budget, depth+1); s != "" {
				return "/" + k + s
			}
		}
	case lpdf.Array:
		refs := strings.Contains(v.String(), " R")
		for i := 0; i < v.Len() && *budget > 0; i++ {
			*budget--
			c := v.Index(i)
			if c.IsNull() {
				if refs {
					return "[" + strconv.Itoa(i) + "]"
				}
				continue
			}
			if s := missingUnder(c, budget, depth+1); s != "" {
				return "[" + strconv.Itoa(i) + "]" + s
			}
		}
	}
	return ""
}

// refersTo reports whether the dictionary d gives key as a reference
// ("/key N G R" in its printed form), as opposed to leaving it out or
// giving null.
func refersTo(d lpdf.Value, key string) bool {
	printed := d.String()
	pat := "/" + key + " "
	for off := 0; ; {
		i := strings.Index(printed[off:], pat)
		if i < 0 {
			return false
		}
		off += i + len(pat)
		j := off
		fields := 0
		for fields < 2 {
			k := j
			for k < len(printed) && printed[k] >= '0' && printed[k] <= '9' {
				k++
			}
			if k == j || k >= len(printed) || printed[k] != ' ' {
				break
			}
			j = k + 1
			fields++
		}
		if fields == 2 && strings.HasPrefix(printed[j:], "R") {
			return true
		}
	}
}
