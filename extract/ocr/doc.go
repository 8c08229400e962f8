// Package ocr recognises scanned pages and pictured tables: the page images
// of image-only PDFs (rendered by the caller), pictures embedded in DOCX and
// HTML, and image files (PNG, JPEG, GIF, BMP, TIFF with all its pages).
//
// Input: an image.Image (Engine.Page) or encoded image bytes (Engine.Image,
// Engine.ReadImage), with the schema.Pos that names the file and page.
//
// Output: schema.Blocks in reading order, top to bottom:
//
//   - each ruled table is a KindTable block whose schema.Table is the grid
//     of its rules: a row boundary wherever a horizontal rule runs, a column
//     boundary wherever a vertical one does, and a merged cell (RowSpan,
//     ColSpan) wherever the rule between two slots is missing. Every cell
//     has Method "ocr", its Confidence (0–1), its box and, for numbers read
//     with some doubt, Alternatives: other readings, most likely first.
//   - the text outside tables becomes KindParagraph blocks, one per
//     paragraph of Tesseract's page layout, lines joined (directly between
//     Chinese characters, with a space otherwise), with Method "ocr" and the
//     mean confidence of its words.
//
// Every BBox is in pixels of the image given, from its top-left corner.
// Tables are numbered from the given pos.Table+1; blocks' Line numbers
// count the page's blocks from 1.
//
// How a page is read: the image is turned to gray, its uneven background
// divided out, binarised with a local (Sauvola) threshold, turned upright
// when its lines run down the page, and deskewed (the angle, within ±5°, that
// makes the rows' ink profile sharpest). Ruling lines are long runs of dark
// pixels; vertical rules must meet two horizontal ones. Each cell's content
// is cut out with the rules whitened. A cell of one line whose glyphs all
// look like digits, points, commas, minus or percent signs is read by the
// package's own amount recogniser (nearest prototype among renders of
// common report fonts, digits.bin, rebuilt by TestGenerateDigits); any
// other cell by Tesseract (github.com/otiai10/gosseract/v2, languages
// Options.Languages, one line or one block as the cell's height suggests).
//
// Guarantees: results are cached on disk by the SHA-256 of the page's
// pixels and the settings (Options.CacheDir), so a second run of the same
// document performs no recognition (Engine.Stats counts both). Errors are
// *schema.Error with Pkg "ocr": ErrUnsupported (not an image format read
// here), ErrMalformed (undecodable bytes), ErrTooLarge (over MaxPixels,
// MaxSide, MaxPages or MaxFileSize, checked on the header before decoding),
// ErrEmpty; a cancelled context ends the work with ctx.Err wrapped.
// Decoder panics are recovered. Tesseract clients are never shared between
// goroutines; each is recycled after a few hundred recognitions.
//
// Limits: Tesseract should run single-threaded (OMP_THREAD_LIMIT=1); the
// Engine parallelises across cells with Options.Workers clients. Tables
// without any rules are not found as tables: their text comes out as
// paragraphs.
//
// BUG(ocr): Unruled tables (columns only from whitespace) and tables with
// horizontal rules only are read as paragraphs, not grids.
//
// BUG(ocr): A page turned upside down is not detected: only quarter turns
// (lines running down the page) are undone.
//
// BUG(ocr): Alternatives come from the amount recogniser's second choices;
// Tesseract's own lower-ranked readings are not exposed by gosseract.
package ocr
