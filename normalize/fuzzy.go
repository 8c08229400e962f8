package normalize

import (
	"sort"
	"sync"
	"unicode"

	"github.com/juesuan/juesuan/normalize/codes"
)

// OCR misreads characters of table labels ("本年妆太合计" for 本年收入合计).
// When a label matches nothing exactly, it is matched to the known label that
// shares the most characters in order with it (longest common subsequence),
// if that one is clearly closer than any other.

// Fuzzy matching bars: the share of characters a label must share with the
// known label (0.6 lets through about one misread character in three, which is
// what a degraded scan gives on table labels), and the lead over the runner-up.
const (
	minSimilarity = 0.6
	minLead       = 0.1
	minHanRunes   = 4 // shorter labels are matched exactly only
)

// hanOnly keeps the Han characters of a label: OCR noise in Latin letters,
// digits and punctuation says nothing.
func hanOnly(s string) []rune {
	var out []rune
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			out = append(out, r)
		}
	}
	return out
}

func lcs(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// closest returns the candidate a label most likely is, or false.
func closest(label string, candidates []string) (string, bool) {
	l := hanOnly(stripListNumber(label))
	if len(l) < minHanRunes {
		return "", false
	}
	type scored struct {
		name  string
		score float64
	}
	var all []scored
	for _, c := range candidates {
		cr := hanOnly(c)
		if len(cr) == 0 {
			continue
		}
		n := max(len(cr), len(l))
		all = append(all, scored{c, float64(lcs(l, cr)) / float64(n)})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score > all[j].score
		}
		return all[i].name < all[j].name
	})
	if len(all) == 0 || all[0].score < minSimilarity {
		return "", false
	}
	if len(all) > 1 && all[0].score-all[1].score < minLead {
		return "", false
	}
	return all[0].name, true
}

// classNames are the names of the function classes (类), as table 1 prints
// its expenditure rows, mapped to their codes.
var classNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for code := 200; code < 240; code++ {
		if e, ok := codes.Lookup(itoa3(code)); ok && e.Level == 1 {
			m[e.Name] = e.Code
		}
	}
	return m
})

func itoa3(n int) string {
	return string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)})
}

// fuzzyRow matches a misread row label of a summary table against its known
// labels and the function classes: it returns the label as known, for the
// exact lookups to take.
func fuzzyRow(label string, known map[string]string) (string, bool) {
	cands := make([]string, 0, len(known)+40)
	for k := range known {
		cands = append(cands, k)
	}
	for name := range classNames() {
		cands = append(cands, name)
	}
	for _, extra := range []string{"总计", "本年收入合计", "本年支出合计"} {
		if !contains(cands, extra) {
			cands = append(cands, extra)
		}
	}
	return closest(label, cands)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// OneEditApart reports whether a and b differ by one character at most:
// one replaced, one added or one left out (their edit distance is 0 or 1).
func OneEditApart(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		i++ // past the one replaced
		return i >= len(ra) || string(ra[i:]) == string(rb[i:])
	}
	return string(ra[i:]) == string(rb[i+1:]) // past the one added
}
