// Package ocr recognises scanned pages and pictured tables: the page images
// of image-only PDFs (rendered by the caller; this package takes images),
// pictures embedded in DOCX and HTML, and image files (PNG, JPEG, GIF, BMP,
// TIFF with all its pages).
//
// Input: an image.Image (Engine.Page) or encoded image bytes (Engine.Image,
// Engine.ReadImage, Engine.ReadImageFile), with the schema.Pos that names
// the file and page.
//
// Output: schema.Blocks in reading order, top to bottom:
//
//   - each ruled table is a KindTable block whose schema.Table is the grid
//     of its rules: a row boundary wherever a horizontal rule runs, a column
//     boundary wherever a vertical one does, and a merged cell (RowSpan,
//     ColSpan) wherever the rule between two slots is missing. Every cell
//     has Method "ocr", its Confidence (0–1) and its box; a number read with
//     doubt keeps its other readings in Alternatives, most likely first (the
//     recogniser's second choices for its least certain glyphs, Tesseract's
//     reading where it differs, the reading before a decimal point was
//     restored), so that a later stage can pick the one the table's
//     arithmetic confirms.
//   - each table printed without rules (a spreadsheet printed bare) is a
//     KindTable block too, its grid found in the white space: a row per
//     text line (a head whose cells stand on staggered lines is one tall
//     row), a column per run of ink the lines share, no merged cells (a
//     head centred over several columns stands in the one it overlaps, or
//     in the column of amounts just right of it). Rules across the page
//     (a three-line table's, or one under every row) are not text: they
//     neither join the lines they touch nor part a table's heads from its
//     body. At least four lines of
//     several pieces that make three columns are needed, so that running
//     text, a title beside a unit line or a list of names and page numbers
//     is not taken for a table.
//   - the text outside tables becomes KindParagraph blocks, one per
//     paragraph of Tesseract's page layout (a band of the page one line
//     high and at least four wide is read as a single line, without that
//     layout, and marks of next to no confidence at its ends are dropped
//     as specks), lines joined (directly between
//     Chinese characters, with a space otherwise), with Method "ocr" and the
//     mean confidence of its words; Words gives each word's place in the
//     text and Tesseract's confidence in it. A page number alone in the
//     page's head or foot has Role "page_number", as the text-layer reader
//     gives it. A word that starts with a digit and is no number as the
//     reports print one ("11.119%4", "60:99") is read again by the English
//     model with only digits and number marks allowed, and takes that
//     reading where the small-print reader agrees with it and it keeps
//     the word's digits, point and percent sign (rereadNumbers).
//
// Every BBox is in pixels of the image given, from its top-left corner.
// Tables are numbered from pos.Table+1. Line numbers are those of the
// page's printed lines from the top, counted as the text-layer PDF reader
// counts them (extract/pdf): every line of text, its running header and page
// number included, and the first line of each table cell; a paragraph has
// its first line's number, a cell its first line's (0 for a cell without
// ink), a table its first cell's. Tesseract's lines of words give a
// paragraph's lines; the ink of a cell, its first line.
//
// How a page is read. The image is turned to gray and its uneven lighting
// divided out; it is binarised with Sauvola's local threshold; turned a
// quarter when its lines run down the page; deskewed by the angle (within
// ±5°, to 0.01°) that makes the row profile of its ink sharpest; turned
// over when Tesseract reads its longest runs of characters more surely
// upside down (orient.go). Ruling lines are long runs of pixels darker than
// their surroundings; vertical ones must meet two horizontal ones (strokes
// of characters in successive rows, joined through a rule, meet one), and
// pieces of rules a poor scan broke are taken where the gray pixels show
// the rule in at least half the table's rows or columns. Whether two neighbouring slots are
// one merged cell is judged on the gray pixels along their common edge where
// nothing else is near; a merged cell whose slots each hold a number, with
// paper between them along every inner boundary, is cut back into its slots
// (a poor scan loses faint rules between numbers). Each cell's content is cut out with the rules
// whitened, and without a thin upright stroke on its side edge (a piece of a
// rule a bilevel scan broke beside its line). A cell of one line whose
// glyphs all look like digits, points, commas, minus or percent signs is
// read, its print enlarged when small, by the package's own amount
// recogniser: connected parts grouped into
// glyphs, touching digits cut where the pieces look most like digits,
// each glyph classified by its nearest prototype among renders of the
// digits of common report fonts (digits.bin, 107 kB, rebuilt by
// TestGenerateDigits with -gen-digits, judged on held-back renders by
// TestDigitModelHeldBack), points, commas and minus signs told by size and
// place on the line. Glyphs near their prototypes make a number outright.
// Enlarged small print is read too by the small-print reader (amounts.go):
// fixed-advance digit slots laid over the line's ink uncut, each slot
// classified by a small network trained on spoiled renders of random
// amounts (amounts.bin, 23 kB, rebuilt by TestGenerateAmounts with
// -gen-amounts, judged by TestAmountReaderHeldBack, and on a monospaced
// face, whose point takes a digit's whole advance, by
// TestAmountReaderMonospaced); its reading is taken
// when it is sure and the ink is number-shaped. Doubtful numbers are
// checked against Tesseract's reading of the cell with
// Options.NumberLanguages (English); unless that repeats the number with
// conviction, the Chinese model reads the cell too and decides whether it
// holds Chinese. Every other cell is read by Tesseract
// (github.com/otiai10/gosseract/v2, as one line or one block) with
// Options.Languages (Chinese only: the English model turns Chinese cells
// into Latin garbage), lightly smoothed, and read again with
// NumberLanguages when no Chinese comes out; in a column of numbers, a
// cell that came out Chinese between two numbers is read again by the
// small-print reader, and its number taken when sure and of the column's
// kind (a line number read as 列, an amount as 节72). Chinese text gets
// full-width punctuation ("(6分)" becomes "（6分）", as print and text
// layers have it). In a column that prints two decimals, a reading that
// lost its point gets it back. In a column of classification codes, which
// nest (208 / 20805 / 2080506), a code that does not nest under the one
// above it takes the other reading of its cell that does, when the readers
// give that one most weight (classCodes). A reading replaced by any of
// these column rules keeps the old one first among its alternatives and a
// lower confidence.
//
// Measured on the fixture corpus (TestScanAccuracy, TestDOCXImageTable,
// TestPageImages, which print the figures per table): all 466 numeric
// table cells of the 300 dpi scan exactly right, all 76 of the table
// pictured in the DOCX; of the text cells (labels, neither empty nor
// numeric; white space aside) 88% of the 300 dpi scan's exactly right
// (96.4% of their characters), 50 of the DOCX picture's 52; 404 of the 466
// numeric cells of the 200 dpi scan, compressed at JPEG quality 5. The same
// 200 dpi pages degraded the same way but compressed at quality 15, 30 and
// 75 (TestScanQualities) give 459, 464 and 463 of 466, and 67%, 75% and
// 77% of the text cells exactly. BenchmarkScans
// (make bench) times the 300 dpi scan at 0.89 to 0.94 times the tesseract
// command on the same pages (two at a time on two cores; runs vary by a
// tenth), the 200 dpi scan at 1.7 to 2.0 times. In CPU time, read side by
// side with the command, the 300 dpi scan takes 0.92 times the command's
// (27.0 s against 29.3), the 200 dpi scan 1.6 times (27.6 s against 17.3;
// 0.95 and 1.83 times before the digit readers' searches were cut
// shorter, below, and the small-print reader's hidden layer was put in
// SSE). Seven tenths of juesuan's time is Tesseract's, most of it its
// LSTM reading the text outside tables.
// The searches of both digit readers are cut short where their result
// cannot change (TestPrunedSearchesExact): the small-print reader gives up
// a layout once it scores below the readings it would report, trying
// every fourth advance first to find them early; the amount recogniser
// passes over a prototype whose distance the row and column sums of the
// two grids bound beyond the one to beat, and, looking for the cuts
// between touching digits, asks of a piece only its nearest prototype,
// and that only while the piece may still make a better cut than the best
// so far; a box that every count of digits cuts into some piece far from
// every digit is rejected without finding the best count (the pieces of
// Chinese characters took two thirds of its time). Tesseract gets its
// images as uncompressed TIFF, which Leptonica reads a row at a time.
// JPEG pages are decoded by libjpeg-turbo (grayJPEG), which took a tenth
// of the 300 dpi scan's time less than image/jpeg. See BUG notes for what
// is not reached.
//
// Guarantees: results are cached on disk by the SHA-256 of the page's
// pixels and the settings (Options.CacheDir), so a second run of the same
// document performs no recognition (Engine.Stats counts both). Errors are
// *schema.Error with Pkg "ocr": ErrUnsupported (not an image format read
// here), ErrMalformed (undecodable bytes), ErrTooLarge (over MaxPixels,
// MaxSide, MaxPages or MaxFileSize, checked on the header before any pixel
// is decoded), ErrEmpty; a cancelled context ends the work with ctx.Err
// wrapped. Decoder panics are recovered. Tesseract clients are never shared
// between goroutines; each is recycled after a few hundred recognitions.
//
// Limits: Tesseract should run single-threaded (OMP_THREAD_LIMIT=1, which
// SingleThreaded sees to); the Engine parallelises across cells with
// Options.Workers clients.
//
// BUG(ocr): The 200 dpi fixture scan (JPEG quality 5 over a blurred page)
// is read far below the 98% of numeric cells asked for: 413 of 466
// (88.6%), 42 of the 53 misses in the table pictured inside the scan.
// Its other grids come out right (rule runs follow the pixel shifts of
// the JPEG blocks; a column rule broken into pieces too short to be
// segments is taken where the gray pixels show it in at least half the
// rows, and a row rule broken into pieces between the columns where they
// show it in at least half the columns; pieces of a rule in line join
// their table where the gray pixels show the rule across the gap; a
// merged region that is not a rectangle is joined again without its
// faintly ruled edges), but not that of the table pictured inside the scan
// (its print 13 pixels high, its digits 8: with its grid found, by
// accepting a piece of a broken rule only beside another, 14 of its 76
// numbers were right, the other tables lost 106, and the change was not
// kept; its faint row rules near the shaded bottom edge are not found even
// by looking at the gray pixels where a row of the usual height would end;
// with the rules left out of its text lines, parts of it are taken for
// tables without rules, whose cells read 4 of its line numbers). Where a code spans the three
// code columns over two rows whose rule was lost, the cell is left whole:
// cutting it into its rows read 4 more numbers but left the row's other
// cells merged, and fact recall fell from 0.187 to 0.169. Its digits, some 12 pixels
// high, break apart ("0" as "11") or merge with the blocks (a decimal
// point read as a digit), so that the amount recogniser is sure of few of
// them; the small-print reader (amounts.go), which reads fixed-advance
// slots without cutting the ink, recovers some; only 6% of its text cells
// are read exactly. Recognition there takes 1.7 to 2.0 times as long as
// the tesseract command on the same pages (0.97 to 1.14 against 0.54 to
// 0.57 s/page; before the searches were cut short, 2.1 to 2.5 times).
// Measured with one client over the 22 pages, one at a time (a ratio of
// about 2; the benchmark's wall times, two pages at a time, give a
// smaller one): juesuan 42 s, the command 20 to 22 s. Tesseract alone took 26 s of juesuan's (15.7 s
// of it the text outside tables), the small-print reader 6.5 s, the amount
// recogniser 6.2 s. With the pages read two at a time, and since the
// digit readers' searches were cut shorter and the small-print reader's
// hidden layer put in SSE, juesuan takes 26.5 s of CPU (30.6 s before):
// Tesseract 18.9 s (10.7 s of it the text outside tables, 7.9 s the
// cells), the small-print reader 2.8 s (4.4 s), the amount recogniser
// 1.6 s (4.5 s), the preparation of the pages 1.8 s. On
// the pages of running text juesuan takes about 1.1 times the command's
// time; on a page of tables the command takes 0.3 to 0.7 s and finds few
// of its numbers (23% of the scan's), where juesuan reads every cell, and
// asks Tesseract again about each number it doubts (3.2 s for the page of
// table 1, 195 recognitions).
//
// BUG(ocr): The table pictured inside the 300 dpi scan, and the
// photographed page image of the same table, print their labels so small
// and blurred that Tesseract's chi_sim model reads only a third (photo:
// one in twenty) of them exactly.
//
// BUG(ocr): In a table without column rules (its columns found in the
// white space, its rows one per text line) a label that wraps onto a
// second line makes a row of its own.
//
// BUG(ocr): Tesseract's own lower-ranked readings are not among the
// alternatives. gosseract does not expose its choice iterator; its hOCR
// output carries the choices of each character when lstm_choice_mode is 2
// (303.36 of the 200 dpi scan read 403,36), but gosseract never frees the
// hOCR string Tesseract returns, a few kB a cell in a process that may read
// thousands of reports. Half of the 200 dpi fixture scan's misread
// numeric cells outside table 1 (303.36 among them) already have the right
// reading among their alternatives, from the package's own recognisers;
// most of the others came out Chinese ("2了" for 29.13), where the number
// model's choices do not apply.
package ocr
