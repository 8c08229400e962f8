package main

import (
	"context"
	"flag"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// ocrFlags are the OCR settings every reading subcommand takes.
type ocrFlags struct {
	off     bool
	cache   string
	workers int // Tesseract clients at once; 0 for one per CPU
}

// args are the flags that pass the settings on to a worker process.
func (o *ocrFlags) args() []string {
	var a []string
	if o.off {
		a = append(a, "--no-ocr")
	}
	if o.cache != "" {
		a = append(a, "--ocr-cache", o.cache)
	}
	return a
}

func (o *ocrFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&o.off, "no-ocr", false, "read text layers only: leave scanned pages, pictured tables and image files unread")
	fs.StringVar(&o.cache, "ocr-cache", "", "directory of cached OCR results (default: juesuan/ocr in the user cache directory; \"off\" for none)")
}

// pipeline reads files into checked Reports: extract (with OCR unless turned
// off), normalize, the OCR repairs the arithmetic confirms, the checks.
type pipeline struct {
	reader *extract.Reader
	engine *ocr.Engine
	opt    check.Options
}

func newPipeline(o ocrFlags, opt check.Options) (*pipeline, error) {
	p := &pipeline{reader: &extract.Reader{Render: true}, opt: opt}
	if !o.off {
		e, err := ocr.New(ocr.Options{CacheDir: o.cache, Workers: o.workers})
		if err != nil {
			return nil, err
		}
		p.engine, p.reader.OCR = e, e
	}
	return p, nil
}

func (p *pipeline) close() {
	p.reader.Close()
	if p.engine != nil {
		p.engine.Close()
	}
}

// read extracts and normalizes one file; with checked set it also repairs OCR
// readings by the report's arithmetic and runs the checks. A document that is
// no final-account report comes back with NotReport set and nothing read
// (normalize.Screen): the files given may be any.
func (p *pipeline) read(ctx context.Context, path string, checked bool) (*schema.Report, error) {
	doc, err := p.reader.ReadFile(ctx, path)
	if err != nil {
		return nil, err
	}
	rep := normalize.Report(doc)
	normalize.Screen(rep)
	check.Repair(rep)
	if checked {
		rep.Findings = check.Run(rep, p.opt)
	}
	return rep, nil
}
