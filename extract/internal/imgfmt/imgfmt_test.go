package imgfmt

import "testing"

func TestName(t *testing.T) {
	bmp := append([]byte("BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"), make([]byte, 10)...)
	emf := append([]byte{1, 0, 0, 0}, make([]byte, 36)...)
	emf = append(emf, " EMF"...)
	for _, tc := range []struct {
		in   []byte
		want string
	}{
		{[]byte("\x89PNG\r\n\x1a\n...."), "png"},
		{[]byte("\xFF\xD8\xFF\xE0"), "jpeg"},
		{[]byte("GIF89a.."), "gif"},
		{[]byte("II*\x00...."), "tiff"},
		{[]byte("MM\x00*...."), "tiff"},
		{bmp, "bmp"},
		{[]byte("BMW sales rose by a tenth in the year to March"), Unknown}, // text, not a bitmap
		{emf, "emf"},
		{[]byte{0xD7, 0xCD, 0xC6, 0x9A, 0, 0}, "wmf"},
		{nil, Unknown},
		{[]byte("%PDF-1.7"), Unknown},
	} {
		if got := Name(tc.in); got != tc.want {
			t.Errorf("Name(%q) = %q, want %q", tc.in[:min(len(tc.in), 12)], got, tc.want)
		}
	}
	if Raster("emf") || !Raster("tiff") {
		t.Errorf("Raster: metafiles are not raster, TIFF is")
	}
}
