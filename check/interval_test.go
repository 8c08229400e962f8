package check

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestPrintedIntervalsMeet(t *testing.T) {
	p := func(v string) Interval { return Printed(d(v), d("0.005")) }
	for _, tc := range []struct {
		name string
		a, b Interval
		want bool
	}{
		{"same figure", p("238.00"), p("238.00"), true},
		{"adjacent figures never both right", p("238.00"), p("238.01"), false},
		{"a sum that rounding explains", p("287.14").Add(p("16.23")), p("303.36"), true},
		{"a sum off by one unit of the last digit, with one part", p("247.23"), p("247.24").Add(Exact(d("0"))), false},
		{"exact zero vs printed 0.00", Exact(d("0")), p("0.00"), true},
		{"exact zero vs printed 0.01", Exact(d("0")), p("0.01"), false},
		{"exact vs exact, equal", Exact(d("14")), Exact(d("14")), true},
		{"exact vs exact, different", Exact(d("14")), Exact(d("15")), false},
		{"upper bound is open", Exact(d("238.005")), p("238.00"), false},
		{"lower bound is closed", Exact(d("237.995")), p("238.00"), true},
		{"negative: printed −0.08 excludes −0.085", Exact(d("-0.085")), Printed(d("-0.08"), d("0.005")), false},
		{"negative: printed −0.08 includes −0.075", Exact(d("-0.075")), Printed(d("-0.08"), d("0.005")), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.Meets(tc.b); got != tc.want {
				t.Errorf("Meets = %v, want %v (a=%+v b=%+v)", got, tc.want, tc.a, tc.b)
			}
			if got := tc.b.Meets(tc.a); got != tc.want {
				t.Errorf("Meets is not symmetric")
			}
		})
	}
}

func TestDivision(t *testing.T) {
	p := func(v string) Interval { return Printed(d(v), d("0.005")) }
	// The seed's growth rate: 55.55 on a prior of 287.14 − 55.55.
	change := p("55.55")
	prior := p("287.14").Sub(change)
	growth := change.Div(prior).Scale(d("100"))
	if growth.Meets(p("23.97")) {
		t.Errorf("23.97%% should not be reachable: growth %s–%s", growth.Lo, growth.Hi)
	}
	if !growth.Meets(p("23.99")) {
		t.Errorf("23.99%% should be reachable: growth %s–%s", growth.Lo, growth.Hi)
	}
	// A share of a whole that may be zero proves nothing.
	if q := p("1.00").Div(Exact(d("0"))); !q.Unbounded {
		t.Error("division by zero must be unbounded")
	}
	if q := p("1.00").Div(p("0.00")); !q.Unbounded {
		t.Error("division by an interval holding zero must be unbounded")
	}
	// Negative numerators (a decrease) divide into negative rates.
	fall := Printed(d("-0.08"), d("0.005")).Div(p("0.08")).Scale(d("100"))
	if !fall.Contains(d("-100")) {
		t.Errorf("−0.08/0.08 should contain −100%%: %s–%s", fall.Lo, fall.Hi)
	}
}

// TestRandomConsistentSums is a property test: sums of exact amounts, each
// printed rounded to two decimals, always meet their rounded total.
func TestRandomConsistentSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	half := d("0.005")
	for i := 0; i < 20000; i++ {
		n := 1 + rng.IntN(30)
		total := decimal.Zero
		parts := Exact(decimal.Zero)
		for k := 0; k < n; k++ {
			exact := decimal.New(rng.Int64N(100_000_000), -4) // 万元 to 4 decimals
			total = total.Add(exact)
			parts = parts.Add(Printed(exact.Round(2), half))
		}
		stated := Printed(total.Round(2), half)
		if !stated.Meets(parts) {
			t.Fatalf("consistent sum of %d parts flagged: stated %s, parts %s–%s", n, total.Round(2), parts.Lo, parts.Hi)
		}
		// Perturb the total by more than the rounding can hide (the parts'
		// whole width plus the total's own): always caught.
		bump := parts.HalfWidth().Add(half).Mul(d("2")).Add(d("0.01"))
		if Printed(total.Round(2).Add(bump).Round(2), half).Meets(parts) {
			t.Fatalf("perturbation of %s not caught", bump)
		}
	}
}
