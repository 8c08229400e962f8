package docx

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/extract/internal/imgfmt"
	"github.com/juesuan/juesuan/schema"
)

// newImage describes the picture stored in part name. The pixel size comes
// from the header only (DecodeConfig); the picture is never decoded here.
// The decoders are called by format rather than through image.DecodeConfig,
// so that the package registers no decoders in the image package's global
// table.
func newImage(name string, data []byte) *schema.Image {
	sum := sha256.Sum256(data)
	img := &schema.Image{Name: name, Format: imgfmt.Name(data), Size: len(data), SHA256: hex.EncodeToString(sum[:]), Data: data}
	var cfg image.Config
	var err error
	switch img.Format {
	case "png":
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case "gif":
		cfg, err = gif.DecodeConfig(bytes.NewReader(data))
	case "bmp":
		cfg = bmpConfig(data)
	}
	if err == nil && cfg.Width > 0 && cfg.Height > 0 {
		img.Width, img.Height = cfg.Width, cfg.Height
	}
	return img
}

// bmpConfig reads the size from a BMP's info header.
func bmpConfig(b []byte) image.Config {
	switch binary.LittleEndian.Uint32(b[14:]) {
	case 12: // BITMAPCOREHEADER
		return image.Config{Width: int(binary.LittleEndian.Uint16(b[18:])), Height: int(binary.LittleEndian.Uint16(b[20:]))}
	default:
		w := int32(binary.LittleEndian.Uint32(b[18:]))
		h := int32(binary.LittleEndian.Uint32(b[22:]))
		if h < 0 { // top-down rows
			h = -h
		}
		return image.Config{Width: int(w), Height: int(h)}
	}
}

// symbol renders a w:sym: a character of a symbol font, which Word stores
// in the private use area (U+F020–U+F0FF) of the font's own encoding. The
// characters of Symbol and Wingdings that reports use are translated; others
// are kept as stored.
func symbol(font, char string) string {
	n, err := strconv.ParseUint(char, 16, 32)
	if err != nil || n == 0 || n > 0x10FFFF || n >= 0xD800 && n < 0xE000 {
		return ""
	}
	c := rune(n)
	if c >= 0xF000 && c <= 0xF0FF {
		low := byte(c - 0xF000)
		switch strings.ToLower(font) {
		case "symbol":
			if low >= 0x20 && low <= 0x7E {
				return string([]rune(symbolLow)[low-0x20])
			}
			if s, ok := symbolHigh[low]; ok {
				return s
			}
		case "wingdings":
			if s, ok := wingdings[low]; ok {
				return s
			}
		}
	}
	return string(c)
}

// symbolLow is the Symbol font's 0x20–0x7E in Unicode.
const symbolLow = " !∀#∃%&∋()∗+,−./0123456789:;<=>?≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼"

var symbolHigh = map[byte]string{
	0xA2: "′", 0xA3: "≤", 0xA5: "∞", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓",
	0xB0: "°", 0xB1: "±", 0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝", 0xB6: "∂", 0xB7: "•",
	0xB8: "÷", 0xB9: "≠", 0xBA: "≡", 0xBB: "≈", 0xBC: "…", 0xC6: "∅", 0xC7: "∩", 0xC8: "∪",
	0xCE: "∈", 0xCF: "∉", 0xD0: "∠", 0xD1: "∇", 0xD5: "∏", 0xD6: "√", 0xD7: "⋅", 0xD8: "¬",
	0xD9: "∧", 0xDA: "∨", 0xE5: "∑", 0xF2: "∫",
}

var wingdings = map[byte]string{
	0x6C: "●", 0x6E: "■", 0x6F: "□", 0x75: "◆", 0x76: "❖", 0x9F: "•", 0xA1: "○", 0xA7: "▪",
	0xA8: "□", 0xD8: "➢", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑",
}
