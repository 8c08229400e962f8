package pdf

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// Repair of the cross-reference table. Files edited by tools that do not
// rewrite the table, or with bytes lost or added in transfer, have offsets
// that point nowhere; viewers then find the objects by scanning the file.
// So does repair, when the library cannot open a file: it lists every
// "N G obj" in the bytes (the last definition of a number wins, as in an
// incremental update), finds the catalog, and appends a cross-reference
// table and trailer of its own to what the source presents, where the
// library reads them as the file's. Objects compressed in object streams
// are not found this way: a file that keeps its pages there stays
// unreadable.

// maxRepairObjects bounds the objects a repaired table lists; reports have
// a few thousand.
const maxRepairObjects = 1 << 20

var (
	objRE     = regexp.MustCompile(`(?m)(?:^|[\r\n\s])(\d{1,7})\s+(\d{1,5})\s+obj\b`)
	catalogRE = regexp.MustCompile(`/Type\s*/Catalog\b`)
	encryptRE = regexp.MustCompile(`/Encrypt\s+\d+\s+\d+\s+R`)
	idRE      = regexp.MustCompile(`/ID\s*\[[^\]]{0,300}\]`)
)

// repair rebuilds the source's cross-reference table; false when no
// catalog is found.
func repair(src *source) bool {
	if src.size > MaxFileSize {
		return false
	}
	data := make([]byte, src.size)
	n, err := src.r.ReadAt(data, src.off)
	if err != nil && err != io.EOF {
		return false
	}
	data = data[:n]
	type def struct {
		off int64
		gen int
	}
	objs := map[int]def{}
	maxNum, root := 0, -1
	for _, m := range objRE.FindAllSubmatchIndex(data, maxRepairObjects) {
		num, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		gen, _ := strconv.Atoi(string(data[m[4]:m[5]]))
		objs[num] = def{int64(m[2]), gen}
		maxNum = max(maxNum, num)
		body := data[m[1]:min(len(data), m[1]+512)]
		if e := bytes.Index(body, []byte("endobj")); e >= 0 {
			body = body[:e]
		}
		if catalogRE.Match(body) {
			root = num
		}
	}
	if root < 0 || maxNum >= maxRepairObjects {
		return false
	}
	var tail bytes.Buffer
	tail.WriteString("\n")
	xref := int64(len(data)) + int64(tail.Len())
	fmt.Fprintf(&tail, "xref\n0 %d\n", maxNum+1)
	for i := 0; i <= maxNum; i++ {
		if d, ok := objs[i]; ok && i > 0 {
			fmt.Fprintf(&tail, "%010d %05d n \n", d.off, d.gen)
		} else {
			tail.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&tail, "trailer\n<< /Size %d /Root %d %d R", maxNum+1, root, objs[root].gen)
	// Keep the encryption and the file's identifier of the last trailer.
	if t := bytes.LastIndex(data, []byte("trailer")); t >= 0 {
		if m := encryptRE.Find(data[t:]); m != nil {
			tail.WriteString(" " + string(m))
		}
		if m := idRE.Find(data[t:]); m != nil {
			tail.WriteString(" " + string(m))
		}
	} else if m := encryptRE.FindAll(data, -1); len(m) > 0 {
		tail.WriteString(" " + string(m[len(m)-1]))
	}
	fmt.Fprintf(&tail, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	src.size = int64(len(data))
	src.tail = tail.Bytes()
	return true
}
