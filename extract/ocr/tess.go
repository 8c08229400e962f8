package ocr

import (
	"encoding/binary"
	"fmt"
	"image"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/otiai10/gosseract/v2"
)

// word is one word Tesseract read, with its box in the image it was given.
type word struct {
	Text string
	Box  image.Rectangle
	Conf float64 // 0–1
	Line int     // line number within the image, from Tesseract's layout (block, paragraph, line)
	Para int     // paragraph number within the image
}

// tessWorker owns one Tesseract client per set of languages. A client is
// not safe for concurrent use, so each worker goroutine takes a worker from
// the pool.
type tessWorker struct {
	clients map[string]*tessClient // by languages
}

type tessClient struct {
	c         *gosseract.Client
	calls     int // recognitions since the client was made
	mode      gosseract.PageSegMode
	whitelist string // the characters it may read; empty: any
}

// recycleAfter is how many recognitions a client serves before it is closed
// and replaced: Tesseract's API keeps a few MB per few hundred calls that
// only End releases.
const recycleAfter = 400

// tessPool hands out workers; at most cap(free) exist.
type tessPool struct {
	free    chan *tessWorker
	initMu  *sync.Mutex // a client's first Init swaps the process's stderr: one at a time
	calls   *atomic.Int64
	datadir string
}

func newTessPool(datadir string, workers int, calls *atomic.Int64) *tessPool {
	p := &tessPool{free: make(chan *tessWorker, workers), initMu: new(sync.Mutex), calls: calls, datadir: datadir}
	for i := 0; i < workers; i++ {
		p.free <- nil // made on first use
	}
	return p
}

func (p *tessPool) get() *tessWorker {
	w := <-p.free
	if w == nil {
		w = &tessWorker{clients: map[string]*tessClient{}}
	}
	return w
}

func (p *tessPool) put(w *tessWorker) { p.free <- w }

func (p *tessPool) close() {
	for i := 0; i < cap(p.free); i++ {
		if w := <-p.free; w != nil {
			for _, tc := range w.clients {
				if tc.c != nil {
					tc.c.Close()
				}
			}
		}
	}
}

// client returns w's client for langs, making or remaking it as needed.
func (p *tessPool) client(w *tessWorker, langs string) (*tessClient, error) {
	tc := w.clients[langs]
	if tc == nil {
		tc = &tessClient{}
		w.clients[langs] = tc
	}
	if tc.c != nil && tc.calls < recycleAfter {
		return tc, nil
	}
	if tc.c != nil {
		tc.c.Close()
		tc.c = nil
	}
	c := gosseract.NewClient()
	if p.datadir != "" {
		if err := c.SetTessdataPrefix(p.datadir); err != nil {
			c.Close()
			return nil, err
		}
	}
	if err := c.SetLanguage(strings.Split(langs, "+")...); err != nil {
		c.Close()
		return nil, err
	}
	// Tesseract's diagnostics ("Estimating resolution as …") would go to
	// the process's stderr, once per cell
	if err := c.SetVariable("debug_file", "/dev/null"); err != nil {
		c.Close()
		return nil, err
	}
	// Tesseract reads a line again upside down in black and white when its
	// confidence is low, in case the print is white on black: tables and
	// text of reports are not, and the second reading cost a tenth of the
	// time
	if err := c.SetVariable("tessedit_do_invert", "0"); err != nil {
		c.Close()
		return nil, err
	}
	// Init happens on the first recognition; run one on a blank image now,
	// under the lock, so that later calls never swap stderr concurrently
	p.initMu.Lock()
	err := c.SetImageFromBytes(grayTIFF(image.NewGray(image.Rect(0, 0, 8, 8))))
	if err == nil {
		_, err = c.Text()
	}
	p.initMu.Unlock()
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("tesseract %s: %w", langs, err)
	}
	tc.c, tc.calls, tc.mode, tc.whitelist = c, 0, -1, ""
	return tc, nil
}

// recognize reads g with the given page segmentation mode and returns its
// words, running recognition once: the text is built from the word boxes.
func (p *tessPool) recognize(w *tessWorker, langs string, g *image.Gray, mode gosseract.PageSegMode) ([]word, error) {
	return p.recognizeOnly(w, langs, "", g, mode)
}

// recognizeOnly is recognize reading only the characters of whitelist
// (any when empty). The setting is the client's until changed: every call
// states it.
func (p *tessPool) recognizeOnly(w *tessWorker, langs, whitelist string, g *image.Gray, mode gosseract.PageSegMode) ([]word, error) {
	tc, err := p.client(w, langs)
	if err != nil {
		return nil, err
	}
	c := tc.c
	if tc.mode != mode {
		if err := c.SetPageSegMode(mode); err != nil {
			return nil, err
		}
		tc.mode = mode
	}
	if tc.whitelist != whitelist {
		if err := c.SetWhitelist(whitelist); err != nil {
			return nil, err
		}
		tc.whitelist = whitelist
	}
	if err := c.SetImageFromBytes(grayTIFF(g)); err != nil {
		return nil, err
	}
	tc.calls++
	p.calls.Add(1)
	boxes, err := c.GetBoundingBoxesVerbose()
	if err != nil {
		return nil, err
	}
	var out []word
	for _, b := range boxes {
		t := strings.TrimSpace(b.Word)
		if t == "" {
			continue
		}
		out = append(out, word{
			Text: t, Box: b.Box, Conf: b.Confidence / 100,
			Line: b.BlockNum*10000 + b.ParNum*100 + b.LineNum,
			Para: b.BlockNum*100 + b.ParNum,
		})
	}
	return out, nil
}

// grayTIFF encodes g as an uncompressed 8-bit grayscale TIFF of one strip.
// Leptonica reads it a row at a time through libtiff; a binary PGM, read a
// byte at a time, took a twentieth of Tesseract's time on the page's text
// regions, and PNG costs its compression.
func grayTIFF(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	type entry struct {
		tag, typ uint16
		val      uint32
	}
	const short, long = 3, 4
	const head = 8 // byte order, magic number, offset of the directory
	entries := []entry{
		{256, long, uint32(w)}, // ImageWidth
		{257, long, uint32(h)}, // ImageLength
		{258, short, 8},        // BitsPerSample
		{259, short, 1},        // Compression: none
		{262, short, 1},        // PhotometricInterpretation: black is 0
		{273, long, 0},         // StripOffsets, set below
		{277, short, 1},        // SamplesPerPixel
		{278, long, uint32(h)}, // RowsPerStrip
		{279, long, uint32(w * h)},
	}
	dirLen := 2 + 12*len(entries) + 4
	entries[5].val = uint32(head + dirLen)
	b := make([]byte, 0, head+dirLen+w*h)
	b = append(b, 'I', 'I', 42, 0)
	b = binary.LittleEndian.AppendUint32(b, head)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(entries)))
	for _, e := range entries {
		b = binary.LittleEndian.AppendUint16(b, e.tag)
		b = binary.LittleEndian.AppendUint16(b, e.typ)
		b = binary.LittleEndian.AppendUint32(b, 1)
		b = binary.LittleEndian.AppendUint32(b, e.val) // a SHORT sits in the low bytes
	}
	b = binary.LittleEndian.AppendUint32(b, 0) // no next directory
	for y := 0; y < h; y++ {
		b = append(b, g.Pix[y*g.Stride:y*g.Stride+w]...)
	}
	return b
}

// joinWords joins the words of one line (see spaceBetween).
func joinWords(ws []word) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 && spaceBetween(ws[i-1], w) {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// spaceBetween reports whether word b follows word a after a space: within
// a line unless either side is CJK, from one line to the next unless both
// are.
func spaceBetween(a, b word) bool {
	prev, next := lastRune(a.Text), firstRune(b.Text)
	if a.Line != b.Line {
		return !(isCJK(prev) && isCJK(next))
	}
	return !(isCJK(prev) || isCJK(next))
}

func isCJK(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x303F
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	var last rune
	for _, r := range s {
		last = r
	}
	return last
}
