package ocr

import (
	"math/rand"
	"testing"
)

// TestSlotNetSparse checks that the loaded network's sparse hidden layer
// gives the dense one's log-probabilities to the bit, on inputs with paper
// (zeros) in places, as slots have.
func TestSlotNetSparse(t *testing.T) {
	net := embeddedSlotNet(t)
	dense := *net
	dense.w1t = nil
	rng := rand.New(rand.NewSource(1))
	x := make([]float32, slotInputs)
	hid := make([]float32, 4*net.Hidden)
	for n := 0; n < 1000; n++ {
		for i := range x {
			if rng.Intn(3) > 0 {
				x[i] = 0
			} else {
				x[i] = rng.Float32()
			}
		}
		var a, b [len(slotClasses)]float32
		net.logProbs(x, hid, &a)
		dense.logProbs(x, hid[:net.Hidden], &b)
		if a != b {
			t.Fatalf("input %d: sparse %v, dense %v", n, a, b)
		}
	}
}
