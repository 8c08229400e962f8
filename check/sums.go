package check

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
)

// term is one part of an identity: a concept and its sign.
type term struct {
	concept string
	sign    int // +1 or −1
	// sentence: every figure of the concept in the sentence of its first
	// counts, not the first alone (a list of staff naming two kinds the
	// vocabulary files as one: 其他人员2人、以钱养事人员2人)
	sentence bool
}

func plus(concepts ...string) []term {
	ts := make([]term, len(concepts))
	for i, c := range concepts {
		ts[i] = term{concept: c, sign: 1}
	}
	return ts
}

// identity checks total = Σ parts in every source that prints the total.
//
// An absent part is read as zero in a table whose amounts were all read (a
// blank cell); in the narrative the identity is checked with the parts it
// states, and since a sentence may list only the main items, a stated total
// above the sum of its listed parts is at most a warning — while parts that add
// up to more than their total are an error wherever they stand.
func (c *checker) identity(r *rule, total string, parts []term, how string) {
	for _, src := range c.sources {
		c.identityIn(r, src, total, parts, how, 0)
	}
}

// identityIn checks one source; which picks the fact of the total when the
// source prints it more than once (0 the first, −1 the last).
func (c *checker) identityIn(r *rule, src, total string, parts []term, how string, which int) {
	fs := c.bySource[src][total]
	if len(fs) == 0 || c.unread[src][total] {
		return
	}
	stated := fs[0]
	if which < 0 {
		stated = fs[len(fs)-1]
	}
	if src == textSource && c.listUnreadAt(total, stated) {
		return
	}
	var present []*schema.Fact
	var signs []int
	missing := 0
	for _, p := range parts {
		if c.unread[src][p.concept] {
			return // a part of it was printed but not read
		}
		if f := c.first(src, p.concept); f != nil {
			present = append(present, f)
			signs = append(signs, p.sign)
			for _, g := range c.bySource[src][p.concept] {
				if p.sentence && g != f && g.Period == f.Period && g.Quote == f.Quote && blockKey(g.Pos) == blockKey(f.Pos) {
					present = append(present, g)
					signs = append(signs, p.sign)
				}
			}
		} else {
			missing++
		}
	}
	if len(present) == 0 || len(present) == 1 && len(parts) > 1 && missing > 0 && !isTable(src) {
		return
	}
	var maxSev schema.Severity
	note := ""
	if c.overRows && isTable(src) && !c.complete[src] {
		// a sum over the rows of a text table an amount of which was not
		// read: that amount's row (a class whose name was not known) may
		// be a part missing
		maxSev = schema.SeverityWarning
		note = c.t("表中有金额未能读取，所列各项可能不全", "an amount of the table was not read: the parts found may not be all")
	}
	if missing > 0 {
		switch {
		case isTable(src) && c.cut[src]:
			return // the table's columns may go on in a table of their own (cutColumns): its blanks prove nothing
		case isTable(src) && c.complete[src]:
		case isTable(src):
			return // an amount of the table was not read: its blanks prove nothing
		default:
			maxSev = c.partialSeverity(stated, present, signs)
		}
	}
	iv, point := sumOf(present, signs)
	if how == "" {
		how = c.t("各项之和", "the sum of its parts")
	}
	c.report(claim{rule: r, stated: stated, others: present, computed: iv, point: point,
		what: c.sourceName(stated) + " " + c.name(total), how: how, maxSev: maxSev, note: note})
}

// partialSeverity caps a narrative identity with parts the sentence does not
// state: if the stated total exceeds its listed parts, the list may just be
// incomplete (warning at most); if it falls short of them, the parts cannot all
// be right whatever is missing (as long as the missing parts are additions).
func (c *checker) partialSeverity(stated *schema.Fact, present []*schema.Fact, signs []int) schema.Severity {
	for _, s := range signs {
		if s < 0 {
			return schema.SeverityWarning
		}
	}
	_, point := sumOf(present, signs)
	if stated.Value.GreaterThan(point) {
		return schema.SeverityWarning
	}
	return ""
}

func (c *checker) incomeSources(r *rule) {
	others := []string{"income.superior_subsidy", "income.business", "income.operating", "income.affiliated", "income.other"}
	for _, src := range c.sources {
		parts := plus(append([]string{"income.fiscal"}, others...)...)
		if c.first(src, "income.fiscal") == nil && !c.unread[src]["income.fiscal"] {
			parts = plus(append([]string{"income.fiscal.gpb", "income.fiscal.fund", "income.fiscal.soe"}, others...)...)
		}
		c.identityIn(r, src, "income.total", parts, "", 0)
	}
}

func (c *checker) fiscalSources(r *rule) {
	c.identity(r, "income.fiscal", plus("income.fiscal.gpb", "income.fiscal.fund", "income.fiscal.soe"), "")
	c.identity(r, "fiscal.expenditure", plus("gpb.expenditure", "fund.expenditure", "soe.expenditure"), "")
	for _, src := range c.tableSources() {
		for _, code := range c.codes(src, "fiscal.func.") {
			c.identityIn(r, src, "fiscal.func."+code, plus("gpb.func."+code, "fund.func."+code, "soe.func."+code), "", 0)
		}
	}
}

// funcTotals name, for each family of function concepts, the total concept of
// each column suffix: Σ of the classes' column equals it.
var funcTotals = map[string]map[string]string{
	"income.func.": {"": "income.total", ".fiscal": "income.fiscal", ".superior_subsidy": "income.superior_subsidy",
		".business": "income.business", ".operating": "income.operating", ".affiliated": "income.affiliated", ".other": "income.other"},
	"expenditure.func.": {"": "expenditure.total", ".basic": "expenditure.basic", ".project": "expenditure.project",
		".to_superior": "expenditure.to_superior", ".operating": "expenditure.operating", ".to_affiliated": "expenditure.to_affiliated"},
	"fiscal.func.": {"": "fiscal.expenditure"},
	"gpb.func.": {"": "gpb.expenditure", ".basic": "gpb.basic", ".basic.personnel": "gpb.basic.personnel",
		".basic.public": "gpb.basic.public", ".project": "gpb.project"},
	"fund.func.": {"": "fund.expenditure", ".basic": "fund.basic", ".project": "fund.project", ".income": "income.fiscal.fund",
		".carryover.opening": "fund.carryover.opening", ".carryover.closing": "fund.carryover.closing"},
	"soe.func.": {"": "soe.expenditure", ".basic": "soe.basic", ".project": "soe.project"},
}

// codeRE splits a function concept into prefix, code(s) and column suffix.
var funcConceptRE = regexp.MustCompile(`^((?:income|expenditure|fiscal|gpb|fund|soe)\.func\.)([0-9+]+)((?:\.[a-z_.]+)?)$`)

// codes lists the codes (of any level) a source prints under a prefix.
func (c *checker) codes(src, prefix string) []string {
	key := src + "|" + prefix
	if cs, ok := c.codeCache[key]; ok {
		return cs
	}
	seen := map[string]bool{}
	for _, concept := range c.named(src) {
		if !strings.HasPrefix(concept, prefix) {
			continue
		}
		m := funcConceptRE.FindStringSubmatch(concept)
		if m == nil || m[1] != prefix || strings.Contains(m[2], "+") {
			continue
		}
		seen[m[2]] = true
	}
	out := make([]string, 0, len(seen))
	for code := range seen {
		out = append(out, code)
	}
	sort.Strings(out)
	c.codeCache[key] = out
	return out
}

func (c *checker) tableSources() []string {
	var out []string
	for _, s := range c.sources {
		if isTable(s) {
			out = append(out, s)
		}
	}
	return out
}

// byFunction: each column's total equals the sum of its classes (类).
func (c *checker) byFunction(r *rule) {
	c.overRows = true
	defer func() { c.overRows = false }()
	for _, src := range c.sources {
		if c.rowsMayBeMissing(src) {
			continue
		}
		for prefix, totals := range funcTotals {
			var classes []string
			for _, code := range c.codes(src, prefix) {
				if len(code) == 3 {
					classes = append(classes, code)
				}
			}
			if len(classes) == 0 {
				continue
			}
			for suffix, total := range totals {
				parts := make([]term, len(classes))
				for i, code := range classes {
					parts[i] = term{concept: prefix + code + suffix, sign: 1}
				}
				if !isTable(src) && !c.sharesComplete(src, parts) {
					continue
				}
				c.identityIn(r, src, total, parts, c.t("各类之和", "the sum of its classes"), 0)
			}
		}
	}
}

// sharesComplete reports whether narrative parts cover their whole: each has a
// stated share and the shares add up to 100%.
func (c *checker) sharesComplete(src string, parts []term) bool {
	sum := Exact(decimal.Zero)
	for _, p := range parts {
		f := c.first(src, p.concept+".share_of")
		if f == nil {
			return false
		}
		sum = sum.Add(OfFact(f))
	}
	return sum.Meets(Exact(hundred))
}

// codeHierarchy: in tables, a 类 equals the sum of its 款 (or, without 款
// rows, of its 项), and a 款 the sum of its 项, column by column.
func (c *checker) codeHierarchy(r *rule) {
	c.overRows = true
	defer func() { c.overRows = false }()
	for _, src := range c.tableSources() {
		if c.rowsMayBeMissing(src) {
			continue
		}
		for prefix, totals := range funcTotals {
			codes := c.codes(src, prefix)
			for _, parent := range codes {
				if len(parent) == 7 {
					continue
				}
				children := childCodes(codes, parent, len(parent)+2)
				if len(children) == 0 && len(parent) == 3 {
					children = childCodes(codes, parent, 7)
				}
				if len(children) == 0 {
					continue
				}
				for suffix := range totals {
					parts := make([]term, len(children))
					for i, ch := range children {
						parts[i] = term{concept: prefix + ch + suffix, sign: 1}
					}
					c.identityIn(r, src, prefix+parent+suffix, parts, c.t("所属各科目之和", "the sum of the codes under it"), 0)
				}
			}
		}
	}
}

func childCodes(codes []string, parent string, length int) []string {
	var out []string
	for _, code := range codes {
		if len(code) == length && strings.HasPrefix(code, parent) {
			out = append(out, code)
		}
	}
	return out
}

// rowColumns: a row's total column equals its parts, for each function code
// and for the totals.
func (c *checker) rowColumns(r *rule) {
	type split struct {
		whole string
		parts []string
	}
	splits := map[string][]split{
		"income.func.":      {{"", []string{".fiscal", ".superior_subsidy", ".business", ".operating", ".affiliated", ".other"}}},
		"expenditure.func.": {{"", []string{".basic", ".project", ".to_superior", ".operating", ".to_affiliated"}}},
		"gpb.func.":         {{"", []string{".basic", ".project"}}, {".basic", []string{".basic.personnel", ".basic.public"}}},
		"fund.func.":        {{"", []string{".basic", ".project"}}},
		"soe.func.":         {{"", []string{".basic", ".project"}}},
	}
	for _, src := range c.tableSources() {
		for prefix, ss := range splits {
			for _, code := range c.codes(src, prefix) {
				for _, s := range ss {
					var parts []term
					for _, p := range s.parts {
						parts = append(parts, c.basicParts(src, prefix+code+p)...)
					}
					c.identityIn(r, src, prefix+code+s.whole, parts, c.t("各列之和", "the sum of its columns"), 0)
				}
			}
		}
	}
	for _, src := range c.sources {
		c.identityIn(r, src, "gpb.expenditure", append(c.basicParts(src, "gpb.basic"), plus("gpb.project")...), "", 0)
	}
	c.identity(r, "gpb.basic", plus("gpb.basic.personnel", "gpb.basic.public"), "")
	c.identity(r, "fund.expenditure", plus("fund.basic", "fund.project"), "")
	// A 基本支出 table printing 人员经费 and 公用经费 as columns beside the
	// row's total gives an economic item once in its total column and
	// again in the part column it falls in (a zero in the other; normalize
	// reads no part of an item split between the two): the row's total
	// equals its parts.
	for _, src := range c.tableSources() {
		for _, concept := range c.named(src) {
			if !strings.HasPrefix(concept, "gpb.econ.") {
				continue
			}
			fs := c.bySource[src][concept]
			if len(fs) < 2 {
				continue
			}
			p, q, ok := c.partTotals(src)
			if !ok {
				continue
			}
			if fs[0].Pos.Table != p.Pos.Table || fs[0].Pos.Row == 0 || fs[0].Pos.Col == p.Pos.Col || fs[0].Pos.Col == q.Pos.Col {
				continue // (the item's first figure is no total of its row)
			}
			var parts []*schema.Fact
			for _, f := range fs[1:] {
				if f.Pos.Table == fs[0].Pos.Table && f.Pos.Row == fs[0].Pos.Row && (f.Pos.Col == p.Pos.Col || f.Pos.Col == q.Pos.Col) {
					parts = append(parts, f)
				}
			}
			if len(parts) > 0 {
				iv, point := sumOf(parts, nil)
				c.report(claim{rule: r, stated: fs[0], others: parts, computed: iv, point: point,
					what: c.sourceName(fs[0]) + " " + c.name(concept),
					how:  c.t("同一行人员经费与公用经费列之和", "its row's 人员经费 and 公用经费 columns")})
			}
		}
	}
	c.identity(r, "soe.expenditure", plus("soe.basic", "soe.project"), "")
}

// economic: 人员经费 and 公用经费 equal their economic items; a class equals
// its items.
func (c *checker) economic(r *rule) {
	c.overRows = true
	defer func() { c.overRows = false }()
	for _, src := range c.sources {
		if c.rowsMayBeMissing(src) {
			continue // the items found are not all there are
		}
		var items, classes []string
		for _, concept := range c.named(src) {
			code, ok := strings.CutPrefix(concept, "gpb.econ.")
			if !ok {
				continue
			}
			if len(code) == 5 {
				items = append(items, code)
			} else if len(code) == 3 {
				classes = append(classes, code)
			}
		}
		sort.Strings(items)
		sort.Strings(classes)
		for _, class := range classes {
			kids := childCodes(items, class, 5)
			if len(kids) > 0 {
				c.identityIn(r, src, "gpb.econ."+class, econTerms(kids), c.t("各款之和", "the sum of its items"), 0)
			}
		}
		if groups, columns := c.partColumns(src, classes, items); columns {
			// 人员经费 and 公用经费 printed as columns: each is the sum of
			// the items its column holds, whatever their class (none
			// when an item's column is not known)
			for _, g := range groups {
				c.identityIn(r, src, g.total, econTerms(g.codes), c.t("本列各经济科目之和", "the sum of the economic items in its column"), 0)
			}
			continue
		}
		// 公用经费 is every class of the 3xx classification but 301 and 303
		// the table prints, by its own row or by its items' (the national
		// template lists 307, 309, 399 … under it too)
		public := []string{"302", "310"}
		for _, code := range append(append([]string(nil), classes...), itemClasses(items)...) {
			if strings.HasPrefix(code, "3") && code != "301" && code != "303" && !slices.Contains(public, code) {
				public = append(public, code)
			}
		}
		sort.Strings(public)
		for _, group := range []struct {
			total   string
			classes []string
		}{{"gpb.basic.personnel", []string{"301", "303"}}, {"gpb.basic.public", public}} {
			// Each class by its items, or by its own row when it lists none.
			var terms []string
			hasClass := false
			for _, class := range group.classes {
				if kids := childCodes(items, class, 5); len(kids) > 0 {
					terms = append(terms, kids...)
				} else {
					terms = append(terms, class)
				}
				if c.first(src, "gpb.econ."+class) != nil {
					hasClass = true
				}
			}
			c.identityIn(r, src, group.total, econTerms(terms), c.t("各经济科目之和", "the sum of its economic items"), 0)
			// And by the class rows, which a table prints as subtotals.
			// (not where a class's items stand without its row: the
			// class rows are then no complete list)
			bare := slices.ContainsFunc(group.classes, func(code string) bool {
				return !slices.Contains(classes, code) && len(childCodes(items, code, 5)) > 0
			})
			if hasClass && !bare {
				c.identityIn(r, src, group.total, econTerms(group.classes), c.t("各经济科目类之和", "the sum of its economic classes"), 0)
			}
		}
	}
}

// partColumns returns, for a 基本支出 table whose 人员经费 and 公用经费
// totals stand in one row, in two columns, the items each of those columns
// holds: an item by its own row, a class by its row when it lists no items
// (zeros aside). That is the layout printing the parts as columns (beside
// the row's total or without it) and the national layout of two groups
// side by side. It reports false for any other layout and when a figure
// stands in neither column (the national layout's third group, 310, under
// 公用经费), unless the table prints each row's total too: then it returns
// no items, and true, as it does when an item is in both columns (split,
// its parts not read).
func (c *checker) partColumns(src string, classes, items []string) ([]struct {
	total string
	codes []string
}, bool) {
	type group = struct {
		total string
		codes []string
	}
	p, q, ok := c.partTotals(src)
	if !ok {
		return nil, false
	}
	whole := c.first(src, "gpb.basic")
	withWhole := whole != nil && whole.Pos.Table == p.Pos.Table && whole.Pos.Row == p.Pos.Row
	groups := []group{{total: p.Concept}, {total: q.Concept}}
	var codes []string
	for _, class := range classes {
		if kids := childCodes(items, class, 5); len(kids) > 0 {
			codes = append(codes, kids...)
		} else {
			codes = append(codes, class)
		}
	}
	codes = append(codes, itemsWithoutClass(items, classes)...)
	for _, code := range codes {
		fs := c.bySource[src]["gpb.econ."+code]
		in, zeroIn, elsewhere := -1, -1, false
		for _, f := range fs {
			if f.Pos.Table != p.Pos.Table {
				elsewhere = true // in another grid (a table continued on the next page): its columns are not these
				continue
			}
			if f.Pos.Row != fs[0].Pos.Row {
				continue
			}
			i := slices.IndexFunc([]*schema.Fact{p, q}, func(t *schema.Fact) bool { return t.Pos.Col == f.Pos.Col })
			switch {
			case f.Value.IsZero():
				// a zero names no column when the item has a figure in
				// the other (its rounding counts where it stands alone)
				if zeroIn < 0 {
					zeroIn = i
				}
			case i < 0:
				elsewhere = true
			case in >= 0 && in != i:
				return nil, withWhole
			default:
				in = i
			}
		}
		switch {
		case in >= 0:
			groups[in].codes = append(groups[in].codes, code)
		case elsewhere:
			return nil, withWhole
		case zeroIn >= 0:
			groups[zeroIn].codes = append(groups[zeroIn].codes, code)
		}
	}
	return groups, true
}

// partTotals returns a 基本支出 table's 人员经费 and 公用经费 totals when
// they stand in one row, in two columns.
func (c *checker) partTotals(src string) (p, q *schema.Fact, ok bool) {
	p, q = c.first(src, "gpb.basic.personnel"), c.first(src, "gpb.basic.public")
	if p == nil || q == nil || p.Pos.Table != q.Pos.Table || p.Pos.Row != q.Pos.Row || p.Pos.Col == q.Pos.Col || p.Pos.Row == 0 {
		return nil, nil, false
	}
	return p, q, true
}

// itemsWithoutClass lists the items whose class has no row of its own.
func itemsWithoutClass(items, classes []string) []string {
	var out []string
	for _, item := range items {
		if !slices.Contains(classes, item[:3]) {
			out = append(out, item)
		}
	}
	return out
}

func econTerms(codes []string) []term {
	ts := make([]term, len(codes))
	for i, code := range codes {
		ts[i] = term{concept: "gpb.econ." + code, sign: 1}
	}
	return ts
}

func (c *checker) threePublic(r *rule) {
	for _, q := range []string{"", ".budget"} {
		c.identity(r, "three_public.total"+q, plus("three_public.overseas"+q, "three_public.vehicle"+q, "three_public.reception"+q), "")
		c.identity(r, "three_public.vehicle"+q, plus("three_public.vehicle.purchase"+q, "three_public.vehicle.operation"+q), "")
	}
}

func (c *checker) otherTotals(r *rule) {
	c.identity(r, "procurement.total", plus("procurement.goods", "procurement.works", "procurement.services"), "")
	c.identity(r, "assets.vehicles", plus("assets.vehicles.leader", "assets.vehicles.head", "assets.vehicles.confidential",
		"assets.vehicles.emergency", "assets.vehicles.enforcement", "assets.vehicles.special", "assets.vehicles.retiree", "assets.vehicles.general", "assets.vehicles.other"), "")
}

func (c *checker) expenditureKinds(r *rule) {
	c.identity(r, "expenditure.total", plus("expenditure.basic", "expenditure.project", "expenditure.to_superior",
		"expenditure.operating", "expenditure.to_affiliated"), "")
}

// grandTotals: the balance identities of tables 1, 4 and 7.
func (c *checker) grandTotals(r *rule) {
	c.identity(r, "grand_total.income", plus("income.total", "income.use_of_balance", "carryover.opening"),
		c.t("本年收入合计 + 使用非财政拨款结余 + 年初结转和结余", "income + use of balances + opening carry-over"))
	c.identity(r, "grand_total.expenditure", plus("expenditure.total", "balance.distribution", "carryover.closing"),
		c.t("本年支出合计 + 结余分配 + 年末结转和结余", "expenditure + distribution + closing carry-over"))
	c.identity(r, "grand_total.income", plus("grand_total.expenditure"), c.t("支出总计", "the expenditure grand total"))
	for _, src := range c.sources {
		c.identityIn(r, src, "fiscal.grand_total", plus("income.fiscal", "fiscal.carryover.opening"),
			c.t("财政拨款收入 + 年初财政拨款结转和结余", "fiscal income + opening fiscal carry-over"), 0)
		c.identityIn(r, src, "fiscal.grand_total", plus("fiscal.expenditure", "fiscal.carryover.closing"),
			c.t("财政拨款支出 + 年末财政拨款结转和结余", "fiscal expenditure + closing fiscal carry-over"), -1)
		if fs := c.bySource[src]["fiscal.grand_total"]; len(fs) >= 2 && isTable(src) {
			iv := OfFact(fs[len(fs)-1])
			c.report(claim{rule: r, stated: fs[0], others: fs[len(fs)-1:], computed: iv, point: fs[len(fs)-1].Value,
				what: c.sourceName(fs[0]) + " " + c.t("财政拨款收入总计", "fiscal income grand total"), how: c.t("支出总计", "the expenditure grand total")})
		}
	}
	c.identity(r, "fund.carryover.closing", []term{{concept: "fund.carryover.opening", sign: 1}, {concept: "income.fiscal.fund", sign: 1}, {concept: "fund.expenditure", sign: -1}},
		c.t("年初结转和结余 + 本年收入 − 本年支出", "opening + income − expenditure"))
}

// staff: headcounts equal the sum of their kinds.
func (c *checker) staff(r *rule) {
	for _, base := range []string{"staff.actual", "staff.authorized", "staff.retired"} {
		kinds := plus(base+".admin", base+".institution", base+".other")
		// two kinds the vocabulary files as one (其他人员2人、以钱养事人员2
		// 人) are both counted, unless the first alone balances the sum: a
		// kind may be a part of the one before it ("其他人员4人（其中以钱
		// 养事人员4人）")
		if !c.balances(base, kinds) {
			kinds[2].sentence = true
		}
		if o := c.first(textSource, base+".other"); o != nil && offPostsRE.MatchString(o.Quote) && c.balances(base, kinds[:2]) {
			// the posts' kinds alone make the headcount, and the others are
			// named as off the posts (编外人员4人): many reports count them
			// apart from it
			continue
		}
		c.identity(r, base, kinds, c.t("各类人员之和", "the sum of its kinds"))
	}
}

// offPostsRE names staff off the posts, whom a headcount may leave out.
var offPostsRE = regexp.MustCompile(`编外|编制外|另有|聘用|临聘|劳务派遣|外聘`)

// basicParts is the term of a concept, or, for a 基本支出 (X.basic) a
// source does not print beside its 人员经费 and 公用经费 (a table 5 without
// the group's 小计 column), the terms of those two.
func (c *checker) basicParts(src, concept string) []term {
	if strings.HasSuffix(concept, ".basic") && c.first(src, concept) == nil && c.first(src, concept+".personnel") != nil {
		return plus(concept+".personnel", concept+".public")
	}
	return plus(concept)
}

// balances reports whether the narrative's first figure of total meets the
// sum of the first figures of its parts that it prints.
func (c *checker) balances(total string, parts []term) bool {
	t := c.first(textSource, total)
	if t == nil {
		return false
	}
	var present []*schema.Fact
	var signs []int
	for _, p := range parts {
		if f := c.first(textSource, p.concept); f != nil {
			present = append(present, f)
			signs = append(signs, p.sign)
		}
	}
	iv, _ := sumOf(present, signs)
	return len(present) > 0 && OfFact(t).Meets(iv)
}

// performance: the total score is the sum of the execution score and the
// goals' scores; a goal's score the sum of its indicators', both as its row
// states it and as a 小计 under its indicators does; no score above its
// full mark.
var (
	goalRE = regexp.MustCompile(`^performance\.score\.(\d+)$`)
	indRE  = regexp.MustCompile(`^performance\.score\.(\d+)\.(\d+)$`)
)

func (c *checker) performance(r *rule) {
	for _, src := range c.sources {
		var goals []string
		inds := map[string][]string{}
		for _, concept := range c.named(src) {
			if m := goalRE.FindStringSubmatch(concept); m != nil {
				goals = append(goals, concept)
			}
			if m := indRE.FindStringSubmatch(concept); m != nil {
				g := "performance.score." + m[1]
				inds[g] = append(inds[g], concept)
			}
		}
		sort.Strings(goals)
		if len(goals) > 0 {
			c.identityIn(r, src, "performance.score.total", plus(append([]string{"performance.score.execution"}, goals...)...),
				c.t("预算执行得分与各目标得分之和", "the execution score plus the goals' scores"), 0)
		}
		for g, is := range inds {
			sort.Strings(is)
			how := c.t("各指标得分之和", "the sum of its indicators' scores")
			c.identityIn(r, src, g, plus(is...), how, 0)
			if len(c.bySource[src][g]) > 1 {
				// the goal's score printed again under its indicators (小计)
				c.identityIn(r, src, g, plus(is...), how, -1)
			}
		}
		for concept, fs := range c.bySource[src] {
			if !strings.HasPrefix(concept, "performance.score.") || strings.HasSuffix(concept, ".max") {
				continue
			}
			max := c.first(src, concept+".max")
			if max == nil {
				continue
			}
			for _, f := range fs {
				if f.Value.GreaterThan(max.Value) {
					c.add(schema.Finding{
						Rule: r.id, Family: r.family, Severity: schema.SeverityError,
						Message: c.t(c.name(concept)+" "+f.Printed+" 超过满分 "+max.Printed,
							c.name(concept)+" "+f.Printed+" exceeds its full mark "+max.Printed),
						Stated: f.Printed, Computed: max.Printed, Facts: ids(f, max), Concepts: conceptsOf(f, max),
						Pos: f.Pos, Evidence: evidence(f, max),
					})
				}
			}
		}
	}
}

// itemClasses returns the classes (their first three digits) of items.
func itemClasses(items []string) []string {
	var out []string
	for _, it := range items {
		if len(it) >= 3 && !slices.Contains(out, it[:3]) {
			out = append(out, it[:3])
		}
	}
	return out
}
