package pdf

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"
)

var (
	debugFile = flag.String("debug.pdf", "", "print the fragments of this PDF (TestDebugFragments)")
	debugPage = flag.Int("debug.page", 0, "page to print (0: all)")
)

// TestDebugFragments prints the fragments of a page with their geometry and
// fonts, for working on the layout: go test -run DebugFragments -debug.pdf=x.pdf -debug.page=3 -v
func TestDebugFragments(t *testing.T) {
	if *debugFile == "" {
		t.Skip("no -debug.pdf")
	}
	fh, err := os.Open(*debugFile)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	fi, _ := fh.Stat()
	f, serr := open(fh, fi.Size(), *debugFile, defaultOptions)
	if serr != nil {
		t.Fatal(serr)
	}
	_ = context.Background()
	for i := range f.pages {
		if *debugPage != 0 && i+1 != *debugPage {
			continue
		}
		pm, err := f.page(i)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("=== page %d (%.0fx%.0f) ocr=%v tables=%d\n", pm.number, pm.w, pm.h, pm.needsOCR, len(pm.tables))
		for _, fr := range pm.frags {
			fnt := mainFont(fr, false)
			name := ""
			if fnt != nil {
				name = fnt.name
			}
			fmt.Printf("l%-3d r%-3d x %6.1f–%6.1f y %6.1f–%6.1f base %6.1f size %4.1f bold %-5v %-28s %q\n",
				fr.line, fr.row, fr.x0, fr.x1, fr.top, fr.bot, fr.base, fr.size, fr.bold, name, fr.text)
		}
		for _, t := range pm.tables {
			fmt.Printf("table %dx%d x %.1f–%.1f y %.1f–%.1f\n", len(t.ys)-1, len(t.xs)-1, t.x0(), t.x1(), t.top(), t.bot())
		}
	}
}

// TestDebugReadBytes prints how many bytes the object layer reads for a
// file, to calibrate maxReadFactor.
func TestDebugReadBytes(t *testing.T) {
	if *debugFile == "" {
		t.Skip("no -debug.pdf")
	}
	fh, _ := os.Open(*debugFile)
	defer fh.Close()
	fi, _ := fh.Stat()
	f, err := open(fh, fi.Size(), *debugFile, defaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.document(context.Background()); err != nil {
		t.Fatal(err)
	}
	used := f.src.limit - f.src.budget.Load()
	fmt.Printf("%s: %d bytes, read %d (%.1f×)\n", *debugFile, fi.Size(), used, float64(used)/float64(fi.Size()))
}

// TestDebugCells prints the lines of the multi-line cells of a page's
// tables, to tune the wrapping test.
func TestDebugCells(t *testing.T) {
	if *debugFile == "" {
		t.Skip("no -debug.pdf")
	}
	fh, _ := os.Open(*debugFile)
	defer fh.Close()
	fi, _ := fh.Stat()
	f, _ := open(fh, fi.Size(), *debugFile, defaultOptions)
	pm, _ := f.page(*debugPage - 1)
	for _, tb := range pm.tables {
		pad := tb.padding()
		for _, c := range tb.cells {
			lines := buildLines(c.gs, tb.fr, false)
			if len(lines) < 2 {
				continue
			}
			fmt.Printf("cell (%d,%d) x %.1f–%.1f width %.1f pad %.1f\n", c.row, c.col, tb.xs[c.col], tb.xs[c.col+c.cols], tb.xs[c.col+c.cols]-tb.xs[c.col], pad)
			for _, l := range lines {
				fmt.Printf("   %.1f–%.1f (%.1f) base %.1f size %.1f first %.1f %q\n", l.x0, l.x1, l.x1-l.x0, l.base, l.size, firstWord(l), l.text)
			}
		}
	}
}
