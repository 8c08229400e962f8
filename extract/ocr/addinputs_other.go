//go:build !amd64 || !cgo

package ocr

func addInputs(acc, w1t, x []float32, n4, h int) { addInputsGeneric(acc, w1t, x, n4, h) }
