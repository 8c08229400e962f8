package pdf

import (
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestRunningRoles: text in a page's head zone is a running head when it
// recurs on two pages or more, a table's title when on a third of them; a
// table's title printed at the top of two pages of twelve (LibreOffice Calc
// prints a sheet's title in the head zone, and the report prints its
// self-evaluation table twice) is the tables' title (it was taken for a
// running head, and both tables went unnamed), and a running head printed
// on three narrative pages of twelve is one.
func TestRunningRoles(t *testing.T) {
	const pages = 12
	var models []*pageModel
	var head, title, narrative []*fragment
	for p := 1; p <= pages; p++ {
		pm := &pageModel{number: p, fh: 842}
		h := &fragment{text: "某中心2023年度部门决算", top: 30, bot: 40}
		pm.frags = append(pm.frags, h)
		head = append(head, h)
		if p <= 3 {
			n := &fragment{text: "某中心2023年度部门决算情况说明", top: 12, bot: 22}
			pm.frags = append(pm.frags, n)
			narrative = append(narrative, n)
		}
		if p == 9 || p == 11 {
			tt := &fragment{text: "2023年某中心整体绩效自评表", top: 45, bot: 55}
			pm.frags = append(pm.frags, tt)
			title = append(title, tt)
		}
		pm.frags = append(pm.frags, &fragment{text: "正文", top: 300, bot: 310})
		models = append(models, pm)
	}
	roles := runningRoles(models)
	for _, fr := range head {
		if roles[fr] != schema.RoleHeader {
			t.Errorf("the head on every page: role %q, want header", roles[fr])
		}
	}
	for _, fr := range narrative {
		if roles[fr] != schema.RoleHeader {
			t.Errorf("the head on 3 narrative pages of %d: role %q, want header", pages, roles[fr])
		}
	}
	for _, fr := range title {
		if roles[fr] != "" {
			t.Errorf("a title on 2 pages of %d: role %q, want none", pages, roles[fr])
		}
	}
}
