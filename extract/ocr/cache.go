package ocr

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"image"
	"os"
	"path/filepath"

	"github.com/juesuan/juesuan/schema"
)

// pipelineVersion names the recognition pipeline in cache keys: bump it
// whenever a change to this package changes what a page yields, so that old
// results are not served.
const pipelineVersion = "ocr-111"

// cacheKey is the hex SHA-256 of the page's pixels, its size and the
// settings that change the result.
func (e *Engine) cacheKey(g *image.Gray) string {
	h := sha256.New()
	var hdr [8]byte
	w, ht := g.Rect.Dx(), g.Rect.Dy()
	binary.LittleEndian.PutUint32(hdr[:4], uint32(w))
	binary.LittleEndian.PutUint32(hdr[4:], uint32(ht))
	h.Write(hdr[:])
	for y := 0; y < ht; y++ {
		h.Write(g.Pix[y*g.Stride : y*g.Stride+w])
	}
	h.Write([]byte("\x00" + pipelineVersion + "\x00" + e.Languages + "\x00" + e.NumberLanguages + "\x00" + e.TessData))
	return hex.EncodeToString(h.Sum(nil))
}

func (e *Engine) cachePath(key string) string {
	return filepath.Join(e.CacheDir, key[:2], key+".json")
}

// cacheGet returns the cached blocks of a page; a missing, unreadable or
// damaged entry is a miss.
func (e *Engine) cacheGet(key string) ([]schema.Block, bool) {
	if e.CacheDir == "off" {
		return nil, false
	}
	b, err := os.ReadFile(e.cachePath(key))
	if err != nil {
		return nil, false
	}
	var entry cacheEntry
	if json.Unmarshal(b, &entry) != nil || entry.Version != pipelineVersion {
		return nil, false
	}
	return entry.Blocks, true
}

type cacheEntry struct {
	Version string         `json:"version"`
	Blocks  []schema.Block `json:"blocks"`
}

// cachePut stores the blocks of a page; failing to write only costs the
// next run its time, so errors are logged, not returned. The file is written
// under a temporary name and renamed, so that a reader never sees half.
func (e *Engine) cachePut(key string, blocks []schema.Block) {
	if e.CacheDir == "off" {
		return
	}
	b, err := json.Marshal(cacheEntry{Version: pipelineVersion, Blocks: blocks})
	if err != nil {
		e.logf("ocr: cache: %v", err)
		return
	}
	path := e.cachePath(key)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		e.logf("ocr: cache: %v", err)
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		e.logf("ocr: cache: %v", err)
		return
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		e.logf("ocr: cache: %v", err)
	}
}
