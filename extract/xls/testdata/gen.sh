#!/bin/sh
# Regenerates the XLS test workbooks of package xls with LibreOffice. Run it
# from extract/xls; it is not part of the tests and its outputs are committed.
#
#   src/report.xlsx   written by `go run ./testdata/gen` in extract/xlsx
#   src/formulas.csv  formulas that LibreOffice evaluates on import, so the
#                     .xls holds FORMULA records with cached values
#   sst/long.xls      400 distinct strings: a shared-string table long
#                     enough to be continued in CONTINUE records
set -e
cd testdata
out=$(mktemp -d)
soffice --headless --convert-to xls --outdir "$out" src/report.xlsx >/dev/null
soffice --headless --convert-to xls --infilter="CSV:44,34,76,1" --outdir "$out" src/formulas.csv >/dev/null
i=1
: > "$out/long.csv"
while [ $i -le 400 ]; do
	echo "第${i}项 一般公共预算财政拨款支出明细,$i.25" >> "$out/long.csv"
	i=$((i + 1))
done
soffice --headless --convert-to xls --infilter="CSV:44,34,76,1" --outdir "$out" "$out/long.csv" >/dev/null
mkdir -p sst
cp "$out/report.xls" "$out/formulas.xls" .
cp "$out/long.xls" sst/long.xls
rm -r "$out"
