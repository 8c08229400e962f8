package check

import (
	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
)

// Interval is the set of values a printed figure can stand for. A figure printed
// to some digits was rounded half away from zero, so "238.00" stands for
// [237.995, 238.005): the lower bound belongs to it, the upper does not (238.005
// would have printed as 238.01). A figure printed exactly ("0") is the single
// point [0, 0]. Sums, differences and quotients of intervals are intervals, with
// the openness of their bounds carried through, so that two figures are in
// contradiction exactly when their intervals do not meet.
type Interval struct {
	Lo, Hi         decimal.Decimal
	LoOpen, HiOpen bool
	Unbounded      bool // a quotient by an interval containing zero: anything goes
}

// Exact is the interval of an exact value.
func Exact(v decimal.Decimal) Interval { return Interval{Lo: v, Hi: v} }

// Printed is the interval of a printed value with the given half-width of
// rounding (schema.Fact.Precision). Positive values round up at the upper
// bound, negative ones (a printed decrease) at the lower.
func Printed(v, halfWidth decimal.Decimal) Interval {
	if halfWidth.IsZero() {
		return Exact(v)
	}
	iv := Interval{Lo: v.Sub(halfWidth), Hi: v.Add(halfWidth)}
	if v.IsNegative() {
		iv.LoOpen = true
	} else {
		iv.HiOpen = true
	}
	return iv
}

// OfFact is the interval a fact's printed value stands for.
func OfFact(f *schema.Fact) Interval { return Printed(f.Value, f.Precision) }

// Add returns a + b.
func (a Interval) Add(b Interval) Interval {
	return Interval{
		Lo: a.Lo.Add(b.Lo), Hi: a.Hi.Add(b.Hi),
		LoOpen: a.LoOpen || b.LoOpen, HiOpen: a.HiOpen || b.HiOpen,
		Unbounded: a.Unbounded || b.Unbounded,
	}
}

// Neg returns −a.
func (a Interval) Neg() Interval {
	return Interval{Lo: a.Hi.Neg(), Hi: a.Lo.Neg(), LoOpen: a.HiOpen, HiOpen: a.LoOpen, Unbounded: a.Unbounded}
}

// Sub returns a − b.
func (a Interval) Sub(b Interval) Interval { return a.Add(b.Neg()) }

// Scale returns a × k for an exact k ≥ 0.
func (a Interval) Scale(k decimal.Decimal) Interval {
	return Interval{Lo: a.Lo.Mul(k), Hi: a.Hi.Mul(k), LoOpen: a.LoOpen, HiOpen: a.HiOpen, Unbounded: a.Unbounded}
}

// quotientDigits is the precision of interval division; bounds are rounded
// outwards, so the quotient only ever grows, and a contradiction found with it
// is a true one.
const quotientDigits = 20

// Div returns a ÷ b. When b may be zero (or straddles it) the quotient is
// unbounded: no contradiction can be shown.
func (a Interval) Div(b Interval) Interval {
	if a.Unbounded || b.Unbounded || b.Contains(decimal.Zero) || b.Lo.Sign() != b.Hi.Sign() {
		return Interval{Unbounded: true}
	}
	if b.Lo.IsNegative() {
		return a.Neg().Div(b.Neg())
	}
	// b > 0. The extremes of a/b are at a's bounds over b's bounds.
	type end struct {
		v    decimal.Decimal
		open bool
	}
	q := func(x decimal.Decimal, xo bool, y decimal.Decimal, yo bool, up bool) end {
		if x.IsZero() {
			return end{decimal.Zero, xo} // 0 ÷ y is 0 whatever y is
		}
		v := x.DivRound(y, quotientDigits+2)
		if up {
			v = v.RoundCeil(quotientDigits)
		} else {
			v = v.RoundFloor(quotientDigits)
		}
		return end{v, xo || yo}
	}
	var lo, hi end
	if a.Lo.Sign() >= 0 {
		lo = q(a.Lo, a.LoOpen, b.Hi, b.HiOpen, false)
	} else {
		lo = q(a.Lo, a.LoOpen, b.Lo, b.LoOpen, false)
	}
	if a.Hi.Sign() >= 0 {
		hi = q(a.Hi, a.HiOpen, b.Lo, b.LoOpen, true)
	} else {
		hi = q(a.Hi, a.HiOpen, b.Hi, b.HiOpen, true)
	}
	return Interval{Lo: lo.v, Hi: hi.v, LoOpen: lo.open, HiOpen: hi.open}
}

// Contains reports whether v lies in a.
func (a Interval) Contains(v decimal.Decimal) bool {
	if a.Unbounded {
		return true
	}
	lo := a.Lo.LessThan(v) || !a.LoOpen && a.Lo.Equal(v)
	hi := v.LessThan(a.Hi) || !a.HiOpen && a.Hi.Equal(v)
	return lo && hi
}

// Meets reports whether a and b share a value: whether the two figures could
// both be right.
func (a Interval) Meets(b Interval) bool {
	if a.Unbounded || b.Unbounded {
		return true
	}
	// a's lower end must be below b's upper end, and b's lower below a's upper.
	below := func(lo decimal.Decimal, loOpen bool, hi decimal.Decimal, hiOpen bool) bool {
		if lo.LessThan(hi) {
			return true
		}
		return lo.Equal(hi) && !loOpen && !hiOpen
	}
	return below(a.Lo, a.LoOpen, b.Hi, b.HiOpen) && below(b.Lo, b.LoOpen, a.Hi, a.HiOpen)
}

// HalfWidth is half the interval's width: the most rounding can explain
// around its middle.
func (a Interval) HalfWidth() decimal.Decimal {
	return a.Hi.Sub(a.Lo).Div(decimal.NewFromInt(2))
}

// Mid is the interval's middle.
func (a Interval) Mid() decimal.Decimal { return a.Lo.Add(a.Hi).Div(decimal.NewFromInt(2)) }
