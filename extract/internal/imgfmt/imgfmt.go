// Package imgfmt names picture formats by their magic bytes, for the readers
// that meet pictures (DOCX media, HTML images, image files, OCR input).
package imgfmt

import "bytes"

// Unknown is the name of a format none of the signatures match.
const Unknown = "unknown"

// Name names the format of an encoded picture from its first bytes: png,
// jpeg, gif, tiff, bmp, emf or wmf; Unknown otherwise.
func Name(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(b, []byte("\xFF\xD8\xFF")):
		return "jpeg"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "gif"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return "tiff"
	case IsBMP(b):
		return "bmp"
	case len(b) >= 44 && bytes.HasPrefix(b, []byte{1, 0, 0, 0}) && string(b[40:44]) == " EMF":
		return "emf"
	case bytes.HasPrefix(b, []byte{0xD7, 0xCD, 0xC6, 0x9A}), // placeable metafile
		bytes.HasPrefix(b, []byte{1, 0, 9, 0}), bytes.HasPrefix(b, []byte{2, 0, 9, 0}):
		return "wmf"
	}
	return Unknown
}

// IsBMP reports whether b starts a Windows bitmap: "BM", room for the file
// header and the size of the info header, and the file header's reserved
// bytes zero (which plain text starting "BM" seldom has).
func IsBMP(b []byte) bool {
	return bytes.HasPrefix(b, []byte("BM")) && len(b) >= 26 && bytes.Equal(b[6:10], []byte{0, 0, 0, 0})
}

// Raster reports whether the format is one the OCR can decode (not a
// vector metafile).
func Raster(name string) bool {
	switch name {
	case "png", "jpeg", "gif", "tiff", "bmp":
		return true
	}
	return false
}
