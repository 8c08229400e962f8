package ocr

/*
#include <xmmintrin.h>

// jsAddInputs is addInputsGeneric four hidden units at a time: each lane
// rounds the product to float32, then the sum, as the scalar code does.
// The empty asm between them hides the product from the compiler, which
// could otherwise fuse the two into one multiply-add (rounded once) where
// it may use FMA instructions. h is a multiple of 4, acc holds 4·h values,
// w1t n·h.
static void jsAddInputs(float *acc, const float *w1t, const float *x, long n, long n4, long h) {
	for (long i = 0; i < n; i++) {
		float v = x[i];
		if (v == 0) {
			continue;
		}
		float *a = acc + (i < n4 ? (i & 3) : 0) * h;
		const float *w = w1t + i * h;
		__m128 vv = _mm_set1_ps(v);
		for (long j = 0; j < h; j += 4) {
			__m128 p = _mm_mul_ps(_mm_loadu_ps(w + j), vv);
			__asm__("" : "+x"(p));
			_mm_storeu_ps(a + j, _mm_add_ps(_mm_loadu_ps(a + j), p));
		}
	}
}
*/
import "C"

// addInputs is addInputsGeneric in SSE, four hidden units at a time, when
// h is a multiple of 4: the hidden layer took half the small-print
// reader's time in scalar Go.
func addInputs(acc, w1t, x []float32, n4, h int) {
	if h <= 0 || h%4 != 0 || len(x) == 0 || len(acc) < 4*h || len(w1t) < len(x)*h {
		addInputsGeneric(acc, w1t, x, n4, h)
		return
	}
	C.jsAddInputs((*C.float)(&acc[0]), (*C.float)(&w1t[0]), (*C.float)(&x[0]), C.long(len(x)), C.long(n4), C.long(h))
}
