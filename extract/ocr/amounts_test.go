package ocr

import (
	"math"
	"math/rand"
	"testing"
)

// TestSlotNetSparse checks that the loaded network's sparse hidden layer
// (addInputs, in SSE on amd64) gives the dense one's outputs and
// log-probabilities to the bit, on inputs with paper (zeros) in places, as
// slots have: for the embedded network, and for random ones of a hidden
// layer a multiple of four wide (SSE) and not (the Go loop), whose
// weights and inputs take either sign.
func TestSlotNetSparse(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, tc := range []struct {
		name string
		net  *slotNet
	}{
		{"embedded", embeddedSlotNet(t)},
		{"random 32", randomSlotNet(rng, 32)},
		{"random 30", randomSlotNet(rng, 30)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			net := tc.net
			dense := *net
			dense.w1t = nil
			x := make([]float32, slotInputs)
			hid := make([]float32, 4*net.Hidden)
			dhid := make([]float32, net.Hidden)
			for n := 0; n < 1000; n++ {
				for i := range x {
					switch {
					case rng.Intn(3) == 0:
						x[i] = 0
					case tc.name != "embedded" && rng.Intn(4) == 0:
						x[i] = -rng.Float32()
					default:
						x[i] = rng.Float32()
					}
				}
				net.hidden(x, hid)
				dense.hiddenDense(x, dhid)
				for j, v := range dhid {
					if math.Float32bits(hid[j]) != math.Float32bits(v) {
						t.Fatalf("input %d, hidden unit %d: sparse %v, dense %v", n, j, hid[j], v)
					}
				}
				var a, b [len(slotClasses)]float32
				net.logProbs(x, hid, &a)
				dense.logProbs(x, dhid, &b)
				if a != b {
					t.Fatalf("input %d: sparse %v, dense %v", n, a, b)
				}
			}
		})
	}
}

// randomSlotNet returns a network of h hidden units with random weights,
// loaded as loadSlotNet loads one.
func randomSlotNet(rng *rand.Rand, h int) *slotNet {
	nc := len(slotClasses)
	w := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(rng.NormFloat64() * 0.3)
		}
		return s
	}
	net := &slotNet{Hidden: h, W1: w(h * slotInputs), B1: w(h), W2: w(nc * h), B2: w(nc)}
	loaded, err := loadSlotNet(net.encode())
	if err != nil {
		panic(err)
	}
	return loaded
}
