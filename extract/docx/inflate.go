package docx

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"

	"github.com/juesuan/juesuan/schema"
)

// Why reading an entry stopped.
var (
	errPastDeclared = errors.New("inflates past the size its header declares")
	errRatio        = errors.New("compression ratio exceeded")
	errChecksum     = errors.New("checksum error")
	errShort        = errors.New("inflates to less than its header declares")
)

// inflate opens a zip entry for reading. Rather than archive/zip's own
// reader, it reads the raw bytes and inflates them itself, so as to count the
// compressed bytes the inflater has actually consumed: a zip bomb is stopped
// once ratioFloor bytes have come out at more than MaxRatio times what went
// in, a mebibyte into the bomb, whatever its header says. It also stops at
// the declared size and checks the CRC-32 at the end, as archive/zip does.
func (p *pkg) inflate(f *zip.File) (io.Reader, error) {
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, err
	}
	in := &byteCounter{r: bufio.NewReader(raw)}
	r := &inflater{in: in, crc: crc32.NewIEEE(), f: f}
	switch f.Method {
	case zip.Store:
		r.dec = in
	case zip.Deflate:
		// flate reads an io.ByteReader without buffering ahead of it, so
		// in counts exactly the bytes the inflater consumed.
		r.dec = flate.NewReader(in)
	default:
		return nil, zip.ErrAlgorithm
	}
	return r, nil
}

// byteCounter counts the bytes read from it.
type byteCounter struct {
	r *bufio.Reader
	n uint64
}

func (c *byteCounter) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += uint64(n)
	return n, err
}

func (c *byteCounter) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

type inflater struct {
	dec io.Reader
	in  *byteCounter
	crc hash.Hash32
	f   *zip.File
	n   uint64 // bytes out
}

func (r *inflater) Read(b []byte) (int, error) {
	n, err := r.dec.Read(b)
	r.crc.Write(b[:n])
	r.n += uint64(n)
	switch {
	case r.n > r.f.UncompressedSize64:
		return n, errPastDeclared
	case r.n > ratioFloor && r.n/MaxRatio > r.in.n:
		return n, errRatio
	case err == io.EOF && r.n != r.f.UncompressedSize64:
		return n, errShort
	case err == io.EOF && r.f.CRC32 != 0 && r.crc.Sum32() != r.f.CRC32:
		return n, errChecksum
	}
	return n, err
}

// entryError names what went wrong reading entry f, with its class.
func (p *pkg) entryError(f *zip.File, err error) *schema.Error {
	switch {
	case errors.Is(err, errPastDeclared):
		return errorf(p.name, schema.ErrTooLarge, "%s: inflates past the %d bytes its header declares", f.Name, f.UncompressedSize64)
	case errors.Is(err, errRatio):
		return errorf(p.name, schema.ErrTooLarge, "%s: inflates more than %d times the bytes it takes compressed", f.Name, MaxRatio)
	case errors.Is(err, zip.ErrAlgorithm):
		return errorf(p.name, schema.ErrUnsupported, "%s: compression method %d", f.Name, f.Method)
	}
	return errorf(p.name, schema.ErrMalformed, "%s: %v", f.Name, err)
}

// verify inflates entry f to nowhere, through the checks of inflate.
func (p *pkg) verify(f *zip.File) error {
	r, err := p.inflate(f)
	if err == nil {
		_, err = io.Copy(io.Discard, r)
	}
	if err != nil {
		return p.entryError(f, err)
	}
	return nil
}
