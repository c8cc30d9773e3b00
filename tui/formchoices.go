package tui

import "github.com/liaison-dev/liaison/visits"

// Choice fields that may be left empty, yes/no flags and numbered options.
// The empty option's code is "" so that field.value() is what the record
// stores; its label comes from the catalogue.

// optChoiceField is a choice whose first option is "not set".
func (f *form) optChoiceField(key, label string, terms []visits.Term) *field {
	none := f.c.t("form.none")
	return f.choiceField(key, label, append([]visits.Term{{Code: "", ZH: none, EN: none}}, terms...))
}

// boolField is a yes/no choice: value "" is no, "yes" is yes.
func (f *form) boolField(key, label string) *field {
	no, yes := f.c.t("form.no"), f.c.t("form.yes")
	fl := f.choiceField(key, label, []visits.Term{{Code: "", ZH: no, EN: no}, {Code: "yes", ZH: yes, EN: yes}})
	fl.choice = 0
	return fl
}

// setBool sets a yes/no field.
func (fl *field) setBool(v bool) {
	fl.choice = 0
	if v {
		fl.choice = 1
	}
}

// batchTerms are the HNTE batches 1..3, labelled in the chosen language.
func batchTerms(c *common) []visits.Term {
	var out []visits.Term
	for _, n := range []string{"1", "2", "3"} {
		l := c.tf("ent.form.batch_n", n)
		out = append(out, visits.Term{Code: n, ZH: l, EN: l})
	}
	return out
}
