package tui

import (
	"encoding/json"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// workText says one record's pending changes as a person would:
// "新建走访 · 兰州飞天… · 12-02", "诉求状态 已受理 · 兰州… · 融资", in the
// UI's language, never as field ops. The enterprise's name is cut to
// nameW cells; every stored text is cleaned.
func (c *common) workText(p store.PendingWork, nameW int) string {
	parts := []string{c.workWhat(p)}
	if name := c.workEnterprise(p); name != "" {
		parts = append(parts, cut(name, nameW))
	}
	if p.Title != "" {
		parts = append(parts, cut(clean(p.Title), 24))
	}
	if p.When != "" && (p.New || p.Type == visits.TypeVisit || p.Type == visits.TypeFollowUp) {
		// the day that names it: a visit's, a follow-up's due day, a new
		// record's; not the day an old need was registered
		parts = append(parts, c.shortDay(p.When))
	}
	if !p.New && !p.Deleted {
		if f := c.workFields(p); f != "" {
			parts = append(parts, f)
		}
	}
	return strings.Join(parts, " · ")
}

// workWhat is what happened to the record: "新建走访", "诉求状态 已受理".
func (c *common) workWhat(p store.PendingWork) string {
	typ := p.Type
	switch typ {
	case visits.TypeVisit, visits.TypeNeed, visits.TypeNeedEvent, visits.TypeFollowUp, visits.TypeEnterprise:
	default:
		typ = "other"
	}
	if p.Deleted {
		return c.t("sync.work.deleted") + " " + c.t("sync.work.new."+typ)
	}
	if p.New {
		return c.t("sync.work.new." + typ)
	}
	if status, ok := jsonString(p.Values["status"]); ok {
		switch p.Type {
		case visits.TypeNeed:
			return c.tf("sync.work.need_status", c.label(visits.KindStatus, status))
		case visits.TypeFollowUp:
			return c.tf("sync.work.followup_status", c.label(visits.KindFollowUp, status))
		}
	}
	return c.t("sync.work.edit." + typ)
}

// workEnterprise is the name of the record's enterprise, cleaned.
func (c *common) workEnterprise(p store.PendingWork) string {
	if c.snap == nil || p.EnterpriseID == "" {
		return ""
	}
	if _, ok := c.snap.byID[p.EnterpriseID]; !ok {
		return ""
	}
	return c.snap.entName(p.EnterpriseID)
}

// workFields names the changed fields (at most three) by their labels;
// a field without a label is counted, not shown by its code name.
func (c *common) workFields(p store.PendingWork) string {
	var names []string
	more := 0
	for _, f := range p.Fields {
		if f == "status" && (p.Type == visits.TypeNeed || p.Type == visits.TypeFollowUp) {
			continue // said by workWhat
		}
		name, ok := c.text["detail.field."+f]
		if !ok || p.Type != visits.TypeVisit {
			name, ok = c.text["sync.field."+f]
		}
		if !ok || len(names) == 3 {
			more++
			continue
		}
		names = append(names, name)
	}
	s := strings.Join(names, c.listSep())
	if more > 0 {
		if s != "" {
			s += " "
		}
		s += c.tf("sync.work.fields_more", more)
	}
	return s
}

func (c *common) listSep() string {
	return c.text.get("list_sep")
}

// shortDay is a day as MM-DD this year, else YYYY-MM-DD.
func (c *common) shortDay(d visits.Date) string {
	if len(d) == 10 && d.Year() == c.today().Year() {
		return string(d[5:])
	}
	return clean(string(d))
}

func jsonString(raw json.RawMessage) (string, bool) {
	var s string
	if raw == nil || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}
