# juesuan — see README.md. Every target works on a fresh Debian machine as root:
# `deps` installs the system packages the project needs, only those missing.

SHELL       := /bin/bash
GO          ?= go
BIN         := bin/juesuan
VERSION     := $(shell git describe --always --dirty 2>/dev/null || echo dev)
# Tesseract and Leptonica for OCR (cgo, through gosseract), libjpeg-turbo to
# decode scanned pages (cgo), a C/C++ compiler for cgo, poppler-utils for the pdftotext/pdftoppm reference runs of the benchmarks
# (poppler-data: its CJK CMaps, without which pdftotext drops Chinese text),
# Noto CJK and DejaVu for the tests that render digits as report fonts print them.
APT_PACKAGES := gcc g++ libc6-dev pkg-config tesseract-ocr tesseract-ocr-chi-sim \
                tesseract-ocr-eng libtesseract-dev libleptonica-dev libjpeg-dev poppler-utils poppler-data \
                fonts-noto-cjk fonts-dejavu-core
# Tesseract's own threads fight ours; juesuan parallelises across pages and cells.
export OMP_THREAD_LIMIT := 1
# How long each fuzz target runs in `make test` (and so in CI).
FUZZTIME    ?= 10s
DEMO_DB     ?= demo.db

.PHONY: all deps build test unit fuzz demo lint bench fixtures clean

all: build

deps:
	@command -v $(GO) >/dev/null || { echo "Go 1.26 or later is needed: https://go.dev/dl/ (install it under /usr/local/go)"; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi
	@$(GO) mod download

build: deps
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/juesuan

# The README's test command: unit, golden and accuracy tests, then each fuzz
# target for $(FUZZTIME).
test: deps unit fuzz

# Go's default of 10 minutes a package is too close on a loaded two-core
# machine with a cold OCR cache (normalize's scan tests took 8 minutes so).
unit:
	$(GO) test -count=1 -timeout 30m ./...

fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
	    echo "fuzz $$pkg $$f ($(FUZZTIME))"; \
	    run="$(GO) test $$pkg -run ^$$ -fuzz ^$$f$$ -fuzztime $(FUZZTIME)"; \
	    if ! $$run >/tmp/juesuan-fuzz.log 2>&1; then \
	      if grep -q 'context deadline exceeded' /tmp/juesuan-fuzz.log && ! grep -q 'Failing input written' /tmp/juesuan-fuzz.log; then \
	        echo "  Go's fuzz coordinator missed its own deadline, no failing input (go.dev/issue/75804, fixed in Go 1.27): once more"; \
	        $$run >/tmp/juesuan-fuzz.log 2>&1 || { cat /tmp/juesuan-fuzz.log; exit 1; }; \
	      else cat /tmp/juesuan-fuzz.log; exit 1; fi; \
	    fi; \
	  done; \
	done

# The demo imports the bundled reports of both years (DOCX with table 1 as a
# picture, text-layer PDF, HTML, and a 22-page image-only scan, which OCR reads
# in a minute or two the first time and from its cache after) into a fresh
# SQLite database, then prints the findings stored there, cross-year ones
# included. Query $(DEMO_DB) afterwards with sqlite3 or Datasette (README).
DEMO_FILES = $(wildcard fixtures/zengdu-beijiao-2022/report.docx fixtures/zengdu-beijiao-2022/report.pdf \
                        fixtures/zengdu-beijiao-2023/report.docx fixtures/zengdu-beijiao-2023/report.pdf \
                        fixtures/zengdu-beijiao-2023/report.html fixtures/zengdu-beijiao-2023/report-scan-300.pdf)

demo: build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./$(BIN) import --db $(DEMO_DB) $(DEMO_FILES)
	./$(BIN) findings --db $(DEMO_DB) --min warning

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	# The PDF text layer: pdf.Read+normalize against pdftotext -layout, same files, same run
	JUESUAN_BENCH_PDF=1 $(GO) test -run '^$$' -bench '^BenchmarkVersusPdftotext$$' -benchtime 3x -timeout 30m ./extract/pdf
	# OCR of the fixture scans against the tesseract command, side by side
	JUESUAN_BENCH_OCR=1 $(GO) test -run '^$$' -bench '^BenchmarkScans$$' -benchtime 1x -timeout 30m ./extract/ocr
	# Bulk import, -j2 against -j1, last: it fails while OCR-heavy work with
	# -j2 peaks over its 600 MB memory target (README, Known gaps)
	JUESUAN_BENCH_IMPORT=1 $(GO) test -run '^$$' -bench '^BenchmarkImport$$' -benchtime 1x -timeout 40m ./cmd/juesuan

fixtures:
	$(GO) run ./fixtures/gen

clean:
	rm -rf bin $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
