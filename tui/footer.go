package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// footerSep stands between the items of a footer.
const footerSep = "  "

// footer is a screen's bottom line of keys, made from the same bindings
// (key and words) the help lists, so a key reads the same in both. Items
// that do not fit the width are left out whole; the help
// lists them all.
func footer(w int, bs ...key.Binding) string {
	var b strings.Builder
	for _, k := range bs {
		item := k.Help().Key + " " + k.Help().Desc
		sep := ""
		if b.Len() > 0 {
			sep = footerSep
		}
		if displayWidth(b.String())+displayWidth(sep+item) > w {
			continue
		}
		b.WriteString(sep + item)
	}
	return b.String()
}
