package ocr

import (
	"image"
	"image/draw"
	"math"
	"sort"
)

// bitmap is a binarised page: true (1) is ink.
type bitmap struct {
	W, H int
	Pix  []uint8 // 1 ink, 0 paper; row-major, stride W
}

func newBitmap(w, h int) *bitmap { return &bitmap{W: w, H: h, Pix: make([]uint8, w*h)} }

func (b *bitmap) at(x, y int) bool {
	return x >= 0 && y >= 0 && x < b.W && y < b.H && b.Pix[y*b.W+x] != 0
}

// toGray returns img as an 8-bit gray image with its origin at (0, 0). A
// *image.Gray is used as it is when its origin is already there.
func toGray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok && g.Rect.Min == (image.Point{}) {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Rect, img, b.Min, draw.Src)
	return g
}

// normalizeBackground divides out uneven lighting: the paper's brightness is
// estimated as the maximum of each block of cell×cell pixels (a block is
// never all ink on a printed page), smoothed over the neighbouring blocks and
// interpolated back; every pixel is then scaled so that paper becomes 255.
// Ink keeps its contrast against the paper around it, which a global
// threshold then separates reliably.
func normalizeBackground(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	const cell = 48 // pixels; larger than a character's stroke gaps at 300 dpi, smaller than a lighting gradient
	bw, bh := (w+cell-1)/cell, (h+cell-1)/cell
	blk := make([]float64, bw*bh)
	for by := 0; by < bh; by++ {
		for bx := 0; bx < bw; bx++ {
			var hist [256]int
			n := 0
			for y := by * cell; y < min(h, (by+1)*cell); y++ {
				row := g.Pix[y*g.Stride:]
				for x := bx * cell; x < min(w, (bx+1)*cell); x++ {
					hist[row[x]]++
					n++
				}
			}
			// the 90th percentile rather than the maximum: JPEG noise and
			// sensor noise make single pixels brighter than the paper
			k, acc := 255, 0
			for ; k > 0; k-- {
				acc += hist[k]
				if acc*10 >= n {
					break
				}
			}
			blk[by*bw+bx] = float64(k)
		}
	}
	// paper is the brightest level around: a block full of ink (a dense
	// heading, a thick rule) takes its neighbours' level
	sm := make([]float64, len(blk))
	for by := 0; by < bh; by++ {
		for bx := 0; bx < bw; bx++ {
			m := 0.0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					x, y := bx+dx, by+dy
					if x >= 0 && y >= 0 && x < bw && y < bh {
						m = max(m, blk[y*bw+x])
					}
				}
			}
			sm[by*bw+bx] = max(m, 32)
		}
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	// the background is interpolated between the centres of the blocks:
	// along x by column (x0s, x1s, axs, the same for every row), then
	// between the two block rows around y, whose x interpolations (top,
	// bot) change only every cell rows
	x0s, x1s := make([]int, w), make([]int, w)
	axs := make([]float64, w)
	for x := 0; x < w; x++ {
		fx := (float64(x)+0.5)/cell - 0.5
		x0 := int(math.Floor(fx))
		axs[x] = fx - float64(x0)
		x0s[x], x1s[x] = clampInt(x0, 0, bw-1), clampInt(x0+1, 0, bw-1)
	}
	top, bot := make([]float64, w), make([]float64, w)
	rowsAt := -1
	for y := 0; y < h; y++ {
		fy := (float64(y)+0.5)/cell - 0.5
		y0 := int(math.Floor(fy))
		ay := fy - float64(y0)
		y0c, y1c := clampInt(y0, 0, bh-1), clampInt(y0+1, 0, bh-1)
		if y0c*bh+y1c != rowsAt {
			rowsAt = y0c*bh + y1c
			for x, ax := range axs {
				top[x] = sm[y0c*bw+x0s[x]]*(1-ax) + sm[y0c*bw+x1s[x]]*ax
				bot[x] = sm[y1c*bw+x0s[x]]*(1-ax) + sm[y1c*bw+x1s[x]]*ax
			}
		}
		src := g.Pix[y*g.Stride : y*g.Stride+w]
		dst := out.Pix[y*out.Stride : y*out.Stride+w]
		for x, p := range src {
			bg := top[x]*(1-ay) + bot[x]*ay
			v := float64(p) * 255 / bg
			if v > 255 {
				v = 255
			}
			dst[x] = uint8(v)
		}
	}
	return out
}

func clampInt(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// otsu returns the threshold that best separates the two classes of g's
// histogram (Otsu's method). Pixels at or below it are ink.
func otsu(g *image.Gray) uint8 {
	var hist [256]float64
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		for _, v := range g.Pix[y*g.Stride : y*g.Stride+w] {
			hist[v]++
		}
	}
	total := float64(w * h)
	var sum float64
	for i, n := range hist {
		sum += float64(i) * n
	}
	var sumB, wB, best float64
	t := uint8(128)
	for i := 0; i < 256; i++ {
		wB += hist[i]
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(i) * hist[i]
		mB, mF := sumB/wB, (sum-sumB)/wF
		if between := wB * wF * (mB - mF) * (mB - mF); between > best {
			best, t = between, uint8(i)
		}
	}
	return t
}

// binarize thresholds a background-normalised page with Sauvola's local
// threshold, T = m·(1 + k·(s/R − 1)) over a window of sauvolaWindow pixels,
// where m and s are the window's mean and standard deviation: on plain paper
// (s small) T falls well below the paper's level, so that JPEG blocking and
// sensor noise stay white, while beside ink it rises towards the mean, so
// that thin gray strokes and rules stay black. A global Otsu threshold was
// tried first: on the 200 dpi fixture scan it fell inside the noise of the
// paper and turned the background of a pictured table into ink.
//
// The second bitmap, for finding rules, takes every pixel at least
// ruleContrast levels darker than its window's mean: a rule thinned and
// lightened by a poor scan stays whole there, while the paper's noise, a few
// levels deep, makes no runs long enough to pass for a rule.
func binarize(g *image.Gray) (text, lenient *bitmap) {
	const (
		k    = 0.25
		R    = 128.0
		half = sauvolaWindow / 2
	)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	b := newBitmap(w, h)
	lb := newBitmap(w, h)
	// sums of the levels and of their squares, exact in integers
	colS := make([]int64, w) // over the window's rows, per column
	colQ := make([]int64, w)
	addRow := func(y int, sign int64) {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x, p := range row {
			v := int64(p)
			colS[x] += sign * v
			colQ[x] += sign * v * v
		}
	}
	for y := 0; y < min(half, h); y++ {
		addRow(y, 1)
	}
	for y := 0; y < h; y++ {
		if y+half < h {
			addRow(y+half, 1)
		}
		if y-half-1 >= 0 {
			addRow(y-half-1, -1)
		}
		rows := int64(min(h-1, y+half) - max(0, y-half) + 1)
		var s, q int64
		for x := 0; x < min(half, w); x++ {
			s += colS[x]
			q += colQ[x]
		}
		src := g.Pix[y*g.Stride : y*g.Stride+w]
		dst := b.Pix[y*w : y*w+w]
		ldst := lb.Pix[y*w : y*w+w]
		for x, p := range src {
			if x+half < w {
				s += colS[x+half]
				q += colQ[x+half]
			}
			if x-half-1 >= 0 {
				s -= colS[x-half-1]
				q -= colQ[x-half-1]
			}
			ni := rows * int64(min(w-1, x+half)-max(0, x-half)+1)
			if int64(p)*ni >= s {
				// not darker than the window's mean: paper for both
				// tests (Sauvola's threshold lies below the mean, the
				// standard deviation of levels 0–255 being below R)
				continue
			}
			n := float64(ni)
			m := float64(s) / n
			v := float64(p)
			// v ≤ m·(1 + k·(sd/R − 1)) without the square root:
			// (v/m − 1 + k)·R/k ≤ sd
			if lhs := (v/m - 1 + k) * (R / k); lhs <= 0 || lhs*lhs <= float64(q)/n-m*m {
				dst[x] = 1
			}
			if v <= m-ruleContrast {
				ldst[x] = 1
			}
		}
	}
	return b, lb
}

// ruleContrast is how much darker than its surroundings a pixel must be to
// count towards a rule: twice the noise of the poorest fixture scan.
const ruleContrast = 20

// sauvolaWindow is the side of binarize's window in pixels: about a
// character at 200–300 dpi, so that a window inside a thick stroke still
// sees paper.
const sauvolaWindow = 31

// threshold marks the pixels of g at or below t as ink.
func threshold(g *image.Gray, t uint8) *bitmap {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	b := newBitmap(w, h)
	for y := 0; y < h; y++ {
		src := g.Pix[y*g.Stride : y*g.Stride+w]
		dst := b.Pix[y*w : y*w+w]
		for x, v := range src {
			if v <= t {
				dst[x] = 1
			}
		}
	}
	return b
}

// maxSkew is the largest page rotation deskew looks for, in degrees.
const maxSkew = 5.0

// skewAngle estimates by how many degrees the content of b is turned
// (positive: clockwise, as the page appears) by finding the angle whose row
// projection of the ink is sharpest: text lines and ruling lines make tall
// narrow peaks only when they run along the rows. A coarse search over
// ±maxSkew in steps of 0.1° is refined to 0.01°.
func skewAngle(b *bitmap) float64 {
	// sample the ink on a 2-pixel lattice; enough for 0.01° on a page
	type pt struct{ x, y float64 }
	var pts []pt
	for y := 0; y < b.H; y += 2 {
		row := b.Pix[y*b.W:]
		for x := 0; x < b.W; x += 2 {
			if row[x] != 0 {
				pts = append(pts, pt{float64(x), float64(y)})
			}
		}
	}
	if len(pts) < 100 {
		return 0
	}
	// keep at most 200k points, evenly spread
	if n := len(pts); n > 200000 {
		step := n / 200000
		k := 0
		for i := 0; i < n; i += step {
			pts[k] = pts[i]
			k++
		}
		pts = pts[:k]
	}
	diag := math.Hypot(float64(b.W), float64(b.H))
	hist := make([]float64, int(2*diag)+4)
	score := func(deg float64) float64 {
		clear(hist)
		s, c := math.Sincos(deg * math.Pi / 180)
		for _, p := range pts {
			// the row of p once the page is turned back by deg
			r := int(p.y*c-p.x*s+diag) + 1
			hist[r]++
		}
		// the profile summed over 8 rows: a JPEG's 8×8 blocks, which are
		// never turned, add the same to every window, so that the blocking
		// of a strongly compressed scan cannot make 0° look sharpest
		var sum, win float64
		for i, v := range hist {
			win += v
			if i >= 8 {
				win -= hist[i-8]
			}
			sum += win * win
		}
		return sum
	}
	best, bestScore := 0.0, -1.0
	for a := -maxSkew; a <= maxSkew+1e-9; a += 0.1 {
		if s := score(a); s > bestScore {
			best, bestScore = a, s
		}
	}
	center := best
	for a := center - 0.1; a <= center+0.1+1e-9; a += 0.01 {
		if s := score(a); s > bestScore {
			best, bestScore = a, s
		}
	}
	return best
}

// rotate turns g by deg degrees about its centre (positive: counter-clockwise
// as seen, undoing a clockwise skew of the same angle), sampling bilinearly
// and filling uncovered corners with white. The output has g's size.
//
// golang.org/x/image/draw's BiLinear.Transform does the same, but has no fast
// path for gray destinations and goes through image.Image's At and Set for
// each pixel, some 40 times slower on a 3508×2481 page than this loop.
func rotate(g *image.Gray, deg float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	s, c := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(g.Pix[y*g.Stride+x])
	}
	for y := 0; y < h; y++ {
		dy := float64(y) - cy
		sdy, cdy := s*dy, c*dy
		dst := out.Pix[y*out.Stride : y*out.Stride+w]
		for x := range dst {
			dx := float64(x) - cx
			// the source point that lands on (x, y)
			fx := c*dx - sdy + cx
			fy := s*dx + cdy + cy
			x0, y0 := floor(fx), floor(fy)
			if x0 >= 0 && y0 >= 0 && x0+1 < w && y0+1 < h {
				p := g.Pix[y0*g.Stride+x0:]
				q := g.Pix[(y0+1)*g.Stride+x0:]
				p0, p1, q0, q1 := p[0], p[1], q[0], q[1]
				if p0 == p1 && p0 == q0 && p0 == q1 {
					// blank paper or solid ink: the blend below gives
					// the level itself, within rounding
					dst[x] = p0
					continue
				}
				ax, ay := fx-float64(x0), fy-float64(y0)
				v := (float64(p0)*(1-ax)+float64(p1)*ax)*(1-ay) + (float64(q0)*(1-ax)+float64(q1)*ax)*ay
				dst[x] = uint8(v + 0.5)
				continue
			}
			ax, ay := fx-float64(x0), fy-float64(y0)
			v := (at(x0, y0)*(1-ax)+at(x0+1, y0)*ax)*(1-ay) + (at(x0, y0+1)*(1-ax)+at(x0+1, y0+1)*ax)*ay
			dst[x] = uint8(v + 0.5)
		}
	}
	return out
}

// floor is int(math.Floor(v)) for v within the range of int, without the
// call.
func floor(v float64) int {
	i := int(v)
	if float64(i) > v {
		i--
	}
	return i
}

// rotate90 turns g by quarter turns counter-clockwise (1, 2 or 3).
func rotate90(g *image.Gray, quarters int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	switch quarters & 3 {
	case 0:
		return g
	case 2:
		out := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				out.Pix[(h-1-y)*out.Stride+w-1-x] = g.Pix[y*g.Stride+x]
			}
		}
		return out
	}
	out := image.NewGray(image.Rect(0, 0, h, w))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := g.Pix[y*g.Stride+x]
			if quarters&3 == 1 { // counter-clockwise: (x, y) → (y, w-1-x)
				out.Pix[(w-1-x)*out.Stride+y] = v
			} else { // clockwise: (x, y) → (h-1-y, x)
				out.Pix[x*out.Stride+h-1-y] = v
			}
		}
	}
	return out
}

// lineSharpness returns the sums of squared row and column projections of
// the ink, each normalised by the ink's amount: across is high when text
// runs along the rows, down when it runs down the columns. The rows and
// columns are those of the page turned back by deg degrees (its skew, as
// skewAngle measures it): at the skew of a scan, a degree or so, the
// profiles of long rules blur, and the vertical rules of a tall, narrow
// table made an upright page look turned a quarter. The ink is sampled on
// a 2-pixel lattice, as skewAngle samples it.
func lineSharpness(b *bitmap, deg float64) (across, down float64) {
	s, c := math.Sincos(deg * math.Pi / 180)
	diag := math.Hypot(float64(b.W), float64(b.H))
	rows := make([]float64, int(2*diag)+4)
	cols := make([]float64, len(rows))
	var ink float64
	for y := 0; y < b.H; y += 2 {
		row := b.Pix[y*b.W:]
		fy := float64(y)
		for x := 0; x < b.W; x += 2 {
			if row[x] == 0 {
				continue
			}
			fx := float64(x)
			// the row and column of (x, y) once the page is turned back
			rows[int(fy*c-fx*s+diag)+1]++
			cols[int(fx*c+fy*s+diag)+1]++
			ink++
		}
	}
	if ink == 0 {
		return 0, 0
	}
	for i := range rows {
		across += rows[i] * rows[i]
		down += cols[i] * cols[i]
	}
	return across / ink, down / ink
}

// component is a connected group of ink pixels (8-connectivity).
type component struct {
	X0, Y0, X1, Y1 int // bounding box, X1 and Y1 exclusive
	N              int // pixels
}

func (c component) w() int { return c.X1 - c.X0 }
func (c component) h() int { return c.Y1 - c.Y0 }

// components labels the connected groups of ink of b within r, in the
// order of their first pixels along the rows.
func components(b *bitmap, r image.Rectangle) []component {
	r = r.Intersect(image.Rect(0, 0, b.W, b.H))
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return nil
	}
	// a copy of the ink with a border of paper, so that neighbours need no
	// bounds checks; a pixel is cleared when its group takes it
	pw := w + 2
	ink := make([]uint8, pw*(h+2))
	for y := 0; y < h; y++ {
		copy(ink[(y+1)*pw+1:(y+1)*pw+1+w], b.Pix[(y+r.Min.Y)*b.W+r.Min.X:])
	}
	offs := [8]int{-pw - 1, -pw, -pw + 1, -1, 1, pw - 1, pw, pw + 1}
	var out []component
	var stack []int32
	for y := 0; y < h; y++ {
		row := ink[(y+1)*pw+1 : (y+1)*pw+1+w]
		for x, v := range row {
			if v == 0 {
				continue
			}
			c := component{X0: x, Y0: y, X1: x + 1, Y1: y + 1}
			start := (y+1)*pw + x + 1
			ink[start] = 0
			stack = append(stack[:0], int32(start))
			for len(stack) > 0 {
				j := int(stack[len(stack)-1])
				stack = stack[:len(stack)-1]
				cy, cx := j/pw-1, j%pw-1
				c.N++
				c.X0, c.Y0 = min(c.X0, cx), min(c.Y0, cy)
				c.X1, c.Y1 = max(c.X1, cx+1), max(c.Y1, cy+1)
				for _, d := range offs {
					if k := j + d; ink[k] != 0 {
						ink[k] = 0
						stack = append(stack, int32(k))
					}
				}
			}
			c.X0 += r.Min.X
			c.X1 += r.Min.X
			c.Y0 += r.Min.Y
			c.Y1 += r.Min.Y
			out = append(out, c)
		}
	}
	return out
}

// textHeight estimates the height in pixels of a line of body text: the
// upper quartile of the heights of the components that look like
// characters (neither specks nor rules). It returns 0 when there are too
// few.
func textHeight(cs []component) int {
	var hs []int
	for _, c := range cs {
		if c.h() >= 8 && c.h() <= 200 && c.w() <= 3*c.h() && c.w() >= 2 {
			hs = append(hs, c.h())
		}
	}
	if len(hs) < 5 {
		return 0
	}
	sort.Ints(hs)
	// the upper half: Chinese characters are full height, while many
	// components are strokes of characters or punctuation
	return hs[len(hs)*3/4]
}
