package docx

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	ldocx "github.com/nguyenthenguyen/docx"

	"github.com/juesuan/juesuan/schema"
)

// Names of the parts read, and of the relationship types that lead to them.
const (
	defaultMain  = "word/document.xml"
	relsOfMain   = "word/_rels/document.xml.rels"
	relOfficeDoc = "/officeDocument"
	relImage     = "/image"
	relStyles    = "/styles"
	relNumbering = "/numbering"
)

// pkg is an opened DOCX package: its zip directory, the parts found in it and
// the bytes inflated from it so far.
type pkg struct {
	name  string // file name for positions and errors
	ra    io.ReaderAt
	size  int64
	opt   options
	zr    *zip.Reader
	parts map[string]*zip.File // by part name in lower case, without a leading slash
	main  string               // name of the main document part
	read  int64                // bytes inflated so far, against opt.total

	rels     []rel          // relationships of the main part, in order
	relByID  map[string]int // index in rels of the first relationship with an id
	hasRels  bool           // the main part's relationships part exists
	warnings []schema.Warning
}

// rel is one relationship of a part.
type rel struct {
	id       string
	typ      string // the type URI's last path element with its slash, e.g. "/image"
	target   string // part name, resolved against the main part
	external bool   // TargetMode="External": a URL, not a part
}

// openPackage checks the file's size and kind, opens its zip directory and
// finds the main document part.
func openPackage(r io.ReaderAt, size int64, name string, opt options) (*pkg, error) {
	switch {
	case size == 0:
		return nil, errorf(name, schema.ErrEmpty, "empty file")
	case size < 0:
		return nil, errorf(name, schema.ErrMalformed, "negative size %d", size)
	case size > MaxFileSize:
		return nil, errorf(name, schema.ErrTooLarge, "file of %d bytes, more than the %d MiB limit", size, MaxFileSize>>20)
	}
	var magic [8]byte
	n, _ := r.ReadAt(magic[:], 0)
	if n == len(magic) && string(magic[:]) == oleMagic {
		return nil, compoundFile(r, size, name)
	}
	if err := checkEntryCount(r, size, name); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return nil, errorf(name, schema.ErrMalformed, "not a zip package: %v", err)
	}
	if len(zr.File) > MaxEntries {
		return nil, errorf(name, schema.ErrTooLarge, "%d zip entries, more than the limit of %d", len(zr.File), MaxEntries)
	}
	p := &pkg{name: name, ra: r, size: size, opt: opt, zr: zr, parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		key := partKey(f.Name)
		if _, dup := p.parts[key]; dup {
			return nil, errorf(name, schema.ErrMalformed, "zip entry %q appears twice", f.Name)
		}
		p.parts[key] = f
	}
	if err := p.findMain(); err != nil {
		return nil, err
	}
	return p, nil
}

// partKey is the map key of a part: OPC part names are case-insensitive, and
// some generators write backslashes or a leading slash.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// findMain names the main document part: the target of the package's
// officeDocument relationship, or word/document.xml when _rels/.rels is
// missing or names no part that exists.
func (p *pkg) findMain() error {
	p.main = defaultMain
	data, err := p.readPart("_rels/.rels", p.opt.part)
	if err == nil && data != nil {
		var rels []rel
		rels, err = p.parseRels(data, "_rels/.rels", "")
		for _, r := range rels {
			if r.typ == relOfficeDoc && !r.external && p.parts[partKey(r.target)] != nil {
				p.main = r.target
				break
			}
		}
	}
	if err := p.survive(err, ""); err != nil {
		return err
	}
	if p.parts[partKey(p.main)] == nil {
		return errorf(p.name, schema.ErrMalformed, "no %s: not a Word document", defaultMain)
	}
	return nil
}

// survive turns the error of a part the reader can do without into a
// warning, with a note of what is lost. Only a limit exceeded stays an error.
func (p *pkg) survive(err error, lost string) error {
	var e *schema.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, schema.ErrTooLarge) || !errors.As(err, &e):
		return err
	}
	p.warn(schema.Pos{File: p.name}, e.Msg+lost)
	return nil
}

// relsName is the name of the relationships part of the part called name.
func relsName(name string) string {
	dir, file := path.Split(name)
	return dir + "_rels/" + file + ".rels"
}

// mainXML returns the XML of the main document part, and loads the main
// part's relationships.
//
// github.com/nguyenthenguyen/docx reads word/document.xml, its relationships
// and every entry whose name holds "header" or "footer", all without a size
// limit of its own. It is called only when the main part is
// word/document.xml, its relationships part exists (else the library fails),
// and every entry it reads has passed the checks readPart makes: its
// declared size, ratio and the total, and for an entry of more than
// ratioFloor bytes a trial inflation through inflate's checks (archive/zip,
// which the library uses, inflates an entry no further than its declared
// size, but that is up to MaxPartSize of a bomb, and checks no ratio). In
// every other case, and when the library fails, the part is read from the
// zip directly, which also gives the error its class.
func (p *pkg) mainXML() (io.Reader, error) {
	rn := relsName(p.main)
	data, err := p.readPart(rn, p.opt.part)
	if err == nil && data == nil {
		p.warn(schema.Pos{File: p.name}, rn+" is missing; pictures are not resolved")
	}
	if err == nil && data != nil {
		p.hasRels = true
		p.rels, err = p.parseRels(data, rn, p.main)
		p.relByID = make(map[string]int, len(p.rels))
		for i, r := range p.rels {
			if _, dup := p.relByID[r.id]; !dup {
				p.relByID[r.id] = i
			}
		}
	}
	if err := p.survive(err, "; pictures are not resolved"); err != nil {
		return nil, err
	}
	if r := p.fromLibrary(); r != nil {
		return r, nil
	}
	data, err = p.readPart(p.main, p.opt.part)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(data), nil
}

// fromLibrary returns word/document.xml as read by nguyenthenguyen/docx, or
// nil when the library is not used or fails.
func (p *pkg) fromLibrary() io.Reader {
	if p.main != defaultMain || !p.hasRels {
		return nil
	}
	var total uint64
	found := false
	for _, f := range p.zr.File {
		lib := f.Name == defaultMain || f.Name == relsOfMain ||
			strings.Contains(f.Name, "header") || strings.Contains(f.Name, "footer")
		if !lib {
			continue
		}
		found = found || f.Name == defaultMain
		if p.declaredTooLarge(f, p.opt.part) != nil {
			return nil
		}
		if f.UncompressedSize64 > ratioFloor && p.verify(f) != nil {
			return nil
		}
		total += f.UncompressedSize64
	}
	if !found || total > uint64(p.opt.total-p.read) {
		return nil
	}
	d, err := ldocx.ReadDocxFromMemory(p.ra, p.size)
	if err != nil {
		return nil
	}
	defer d.Close()
	s := d.Editable().GetContent()
	p.read += int64(len(s))
	return strings.NewReader(s)
}

// readPart inflates the part called name, through the size checks: its
// declared size against limit, its declared and actual compression ratio,
// and the package's running total. It returns nil and no error when the part
// does not exist.
func (p *pkg) readPart(name string, limit int64) ([]byte, error) {
	f := p.parts[partKey(name)]
	if f == nil {
		return nil, nil
	}
	if err := p.declaredTooLarge(f, limit); err != nil {
		return nil, err
	}
	budget := min(limit, p.opt.total-p.read)
	if int64(f.UncompressedSize64) > budget {
		return nil, errorf(p.name, schema.ErrTooLarge, "%s: the package inflates to more than %d MiB in all", f.Name, p.opt.total>>20)
	}
	r, err := p.inflate(f)
	if err != nil {
		return nil, p.entryError(f, err)
	}
	// Never trust the header alone: read at most one byte past the budget,
	// into a buffer sized by the header only up to 4 MiB, so that a lying
	// header costs little before the ratio check stops it.
	buf := bytes.NewBuffer(make([]byte, 0, min(int(f.UncompressedSize64), 4<<20)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(r, budget+1)); err != nil {
		return nil, p.entryError(f, err)
	}
	if int64(buf.Len()) > budget {
		return nil, errorf(p.name, schema.ErrTooLarge, "%s: inflates to more than %d bytes", f.Name, budget)
	}
	p.read += int64(buf.Len())
	return buf.Bytes(), nil
}

// declaredTooLarge checks an entry's header: its data lies within the file,
// its declared inflated size is within limit and its compression ratio within
// MaxRatio. Only then may the declared size be trusted to size a buffer.
func (p *pkg) declaredTooLarge(f *zip.File, limit int64) error {
	off, err := f.DataOffset()
	if err != nil || off < 0 || f.CompressedSize64 > uint64(p.size-off) {
		return errorf(p.name, schema.ErrMalformed, "%s: entry data runs past the end of the file", f.Name)
	}
	if f.UncompressedSize64 > uint64(limit) {
		return errorf(p.name, schema.ErrTooLarge, "%s: inflates to %d bytes, more than the %d MiB limit", f.Name, f.UncompressedSize64, limit>>20)
	}
	if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64/MaxRatio > f.CompressedSize64 {
		return errorf(p.name, schema.ErrTooLarge, "%s: %d bytes deflated %d times, more than %d", f.Name, f.UncompressedSize64, f.UncompressedSize64/max(f.CompressedSize64, 1), MaxRatio)
	}
	return nil
}

// resolve returns the part name a relationship target names, relative to the
// part called source ("" for the package's own relationships).
func resolve(source, target string) string {
	if u, err := url.PathUnescape(target); err == nil && utf8.ValidString(u) {
		target = u
	}
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(path.Dir(source), target)), "/")
}

// warn records a problem that was worked around. The message may quote
// broken input (encoding/xml's errors do), so it is made valid UTF-8 for JSON.
func (p *pkg) warn(pos schema.Pos, msg string) {
	p.warnings = append(p.warnings, schema.Warning{Pos: pos, Message: strings.ToValidUTF8(msg, "\uFFFD")})
}

// The first bytes of an OLE2 compound file.
const oleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

// compoundFile classifies an OLE2 file handed in as a DOCX: Office stores a
// password-protected package as a compound file with a stream called
// EncryptedPackage. It looks for that name among the directory entries,
// which are 128-byte records aligned to 128 bytes in the file, holding the
// name in UTF-16LE and, at byte 64, its length in bytes with the final NUL.
func compoundFile(r io.ReaderAt, size int64, name string) error {
	var want [34]byte
	for i, c := range "EncryptedPackage" {
		want[2*i] = byte(c)
	}
	buf := make([]byte, 64<<10) // a multiple of 128
	for off := int64(0); off < size; off += int64(len(buf)) {
		n, err := r.ReadAt(buf, off)
		if n == 0 && err != nil {
			break
		}
		for i := 0; i+128 <= n; i += 128 {
			if bytes.Equal(buf[i:i+34], want[:]) && binary.LittleEndian.Uint16(buf[i+64:]) == 34 {
				return errorf(name, schema.ErrEncrypted, "password-protected package (an OLE2 file with an EncryptedPackage stream)")
			}
		}
	}
	return errorf(name, schema.ErrMalformed, "an OLE2 compound file, not a zip package (a legacy .doc?)")
}

// checkEntryCount reads the zip's end-of-central-directory record and rejects
// an archive with more than MaxEntries entries before archive/zip allocates
// its directory. A ZIP64 count is left to the check after opening.
func checkEntryCount(r io.ReaderAt, size int64, name string) error {
	const eocdLen = 22
	tail := min(size, eocdLen+0xFFFF) // the record plus the longest comment
	buf := make([]byte, tail)
	if n, _ := r.ReadAt(buf, size-tail); int64(n) < tail {
		return errorf(name, schema.ErrMalformed, "not a zip package: cannot read its end")
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || i+eocdLen > len(buf) {
		return nil // archive/zip reports it
	}
	if n := binary.LittleEndian.Uint16(buf[i+10:]); n != 0xFFFF && n > MaxEntries {
		return errorf(name, schema.ErrTooLarge, "%d zip entries, more than the limit of %d", n, MaxEntries)
	}
	return nil
}
