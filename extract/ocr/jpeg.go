package ocr

/*
#cgo LDFLAGS: -ljpeg
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <jpeglib.h>

// jsErr is libjpeg's error manager with a way back: libjpeg's own ends the
// process on an error.
struct jsErr {
	struct jpeg_error_mgr pub;
	jmp_buf back;
	int warnings;
};

static void jsExit(j_common_ptr c) {
	longjmp(((struct jsErr *)c->err)->back, 1);
}

// jsEmit counts warnings (level -1: corrupt data libjpeg decodes past, a
// truncated file among them) and says nothing.
static void jsEmit(j_common_ptr c, int level) {
	if (level < 0) {
		((struct jsErr *)c->err)->warnings++;
	}
}

static void jsOutput(j_common_ptr c) {}

enum { jsOK, jsFailed, jsWarned, jsColour, jsSize };

// jsClamp16 is image/color's clamp of a YCbCr-to-RGB sum to 16 bits.
static inline int jsClamp16(int v) {
	if (((unsigned)v & 0xff000000u) == 0) {
		return v >> 8;
	}
	return v < 0 ? 0 : 0xffff;
}

// jsGoGray is the gray image/color gives a YCbCr colour (YCbCr.RGBA, then
// GrayModel), so that a colour page decodes here to the pixels the
// image/jpeg path made of it.
static inline unsigned char jsGoGray(int y, int cb, int cr) {
	int yy = y * 0x10101;
	cb -= 128;
	cr -= 128;
	int r = jsClamp16(yy + 91881 * cr);
	int g = jsClamp16(yy - 22554 * cb - 46802 * cr);
	int b = jsClamp16(yy + 116130 * cb);
	return (unsigned char)((19595u * (unsigned)r + 38470u * (unsigned)g + 7471u * (unsigned)b + (1u << 15)) >> 24);
}

// jsGray decodes the JPEG in buf[0:n] to 8-bit gray in out (w×h, rows
// packed); a colour image as jsGoGray makes it gray. It refuses, returning jsColour,
// colour spaces other than gray and YCbCr, and, returning jsSize, a header
// that does not give w×h (out holds w·h bytes, and no more is written).
static int jsGray(const unsigned char *buf, unsigned long n, unsigned char *out, int w, int h) {
	struct jpeg_decompress_struct cinfo;
	struct jsErr err;
	int rc = jsOK;
	cinfo.err = jpeg_std_error(&err.pub);
	err.pub.error_exit = jsExit;
	err.pub.emit_message = jsEmit;
	err.pub.output_message = jsOutput;
	err.warnings = 0;
	if (setjmp(err.back)) {
		jpeg_destroy_decompress(&cinfo);
		return jsFailed;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, buf, n);
	jpeg_read_header(&cinfo, TRUE);
	if (cinfo.jpeg_color_space != JCS_GRAYSCALE && cinfo.jpeg_color_space != JCS_YCbCr) {
		jpeg_destroy_decompress(&cinfo);
		return jsColour;
	}
	if ((int)cinfo.image_width != w || (int)cinfo.image_height != h) {
		jpeg_destroy_decompress(&cinfo);
		return jsSize;
	}
	int colour = cinfo.jpeg_color_space == JCS_YCbCr;
	cinfo.out_color_space = colour ? JCS_YCbCr : JCS_GRAYSCALE;
	// chroma replicated, as image/jpeg's YCbCr image gives it
	cinfo.do_fancy_upsampling = FALSE;
	cinfo.dct_method = JDCT_ISLOW;
	jpeg_start_decompress(&cinfo);
	if ((int)cinfo.output_width != w || (int)cinfo.output_height != h || cinfo.output_components != (colour ? 3 : 1)) {
		jpeg_destroy_decompress(&cinfo);
		return jsSize;
	}
	JSAMPROW ycc = NULL;
	if (colour) {
		ycc = (JSAMPROW)(*cinfo.mem->alloc_small)((j_common_ptr)&cinfo, JPOOL_IMAGE, (size_t)w * 3);
	}
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW row = out + (size_t)cinfo.output_scanline * (size_t)w;
		if (!colour) {
			jpeg_read_scanlines(&cinfo, &row, 1);
			continue;
		}
		jpeg_read_scanlines(&cinfo, &ycc, 1);
		for (int x = 0; x < w; x++) {
			row[x] = jsGoGray(ycc[3 * x], ycc[3 * x + 1], ycc[3 * x + 2]);
		}
	}
	jpeg_finish_decompress(&cinfo);
	if (err.warnings > 0) {
		rc = jsWarned;
	}
	jpeg_destroy_decompress(&cinfo);
	return rc;
}
*/
import "C"

import (
	"image"
	"unsafe"
)

// grayJPEG decodes a JPEG of w×h pixels (as its header gives them) to gray
// (a colour image as image/color makes it gray) with libjpeg-turbo, which decodes a scanned page
// several times faster than image/jpeg: on the 300 dpi fixture scan
// image/jpeg took a tenth of the whole recognition's time. The status says
// why it gave no image, and the caller then decodes with image/jpeg: when
// libjpeg-turbo fails, when it warns of corrupt data (it would decode a
// truncated file to a page whose lower part is gray), or when the image is
// in another colour space than gray or YCbCr (CMYK). So errors stay
// image/jpeg's. Both decode past some damage without a word (libjpeg-turbo
// an invalid Huffman code as 0; image/jpeg other kinds), each on files the
// other refuses: of 2000 one-byte corruptions of a page, image/jpeg
// decoded 139 silently, and libjpeg-turbo 2 that image/jpeg refused.
func grayJPEG(data []byte, w, h int) (*image.Gray, jpegStatus) {
	if len(data) == 0 || w <= 0 || h <= 0 {
		return nil, jpegFailed
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	rc := jpegStatus(C.jsGray((*C.uchar)(unsafe.Pointer(&data[0])), C.ulong(len(data)),
		(*C.uchar)(unsafe.Pointer(&g.Pix[0])), C.int(w), C.int(h)))
	if rc != jpegOK {
		return nil, rc
	}
	return g, rc
}

// jpegStatus is how grayJPEG fared.
type jpegStatus int

const (
	jpegOK     jpegStatus = C.jsOK
	jpegFailed jpegStatus = C.jsFailed
	jpegWarned jpegStatus = C.jsWarned
	jpegColour jpegStatus = C.jsColour
	jpegSize   jpegStatus = C.jsSize
)
