package render

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/liaison-dev/liaison/visits"
)

// JSON writes the report as indented JSON with codes, not labels.
func JSON(w io.Writer, r visits.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// CSV writes the report as one UTF-8 CSV with a byte order mark (so
// that Excel reads the Chinese correctly): the summary lines, a blank line,
// the decision items, a blank line, the enterprise rows, each part with
// its own header row; then each table of the plan's figures (Tables) after
// a blank line, as its title row, header row and rows; then each text
// (Notes) after a blank line, as its title and its text in one cell.
func CSV(w io.Writer, r visits.Report, lang visits.Lang) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	_ = cw.Write(summaryHead(lang))
	for _, l := range append(headerLines(r, lang), summaryLines(r, lang)...) {
		c := l.cells()
		_ = cw.Write(visits.CSVRow([]string{l.Section, l.Item, c[0], c[1], c[2]}))
	}
	for _, table := range []func(visits.Report, visits.Lang) ([]string, [][]string){decisionTable, rowsTable} {
		head, rows := table(r, lang)
		_ = cw.Write(nil)
		_ = cw.Write(visits.CSVRow(head))
		for _, row := range rows {
			_ = cw.Write(visits.CSVRow(row)) // names and summaries come from any laptop: no formulas
		}
	}
	for _, t := range Tables(r, lang) {
		_ = cw.Write(nil)
		_ = cw.Write(visits.CSVRow([]string{t.Title}))
		_ = cw.Write(visits.CSVRow(t.Head))
		for _, row := range t.Rows {
			_ = cw.Write(visits.CSVRow(row))
		}
	}
	for _, n := range Notes(r, lang) {
		_ = cw.Write(nil)
		_ = cw.Write(visits.CSVRow([]string{n.Title}))
		_ = cw.Write(visits.CSVRow([]string{n.Text}))
	}
	cw.Flush()
	return cw.Error()
}

func summaryHead(lang visits.Lang) []string {
	return []string{tr(lang, "板块", "Section"), tr(lang, "项目", "Item"), tr(lang, "本周", "This week"),
		tr(lang, "上周", "Last week"), tr(lang, "变化", "Change")}
}

// Markdown writes the report as Markdown: readable as plain text in a
// terminal and as tables in a browser.
func Markdown(w io.Writer, r visits.Report, lang visits.Lang) error {
	// Written as it is made (through a small buffer), not gathered in a
	// string first: the document is megabytes at 10,000 enterprises.
	b := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(b, "# %s %s\n\n", tr(lang, "周调度报告", "Weekly dispatch report"), r.Week)
	for _, l := range headerLines(r, lang) {
		fmt.Fprintf(b, "- %s: %s\n", l.Item, mdCell(l.Value))
	}
	lines := summaryLines(r, lang)
	sec := ""
	for _, l := range lines {
		if l.Section != sec {
			sec = l.Section
			fmt.Fprintf(b, "\n## %s\n\n", sec)
			h := summaryHead(lang)[1:]
			mdRow(b, h)
			b.WriteString("|---|--:|--:|--:|\n")
		}
		c := l.cells()
		mdRow(b, []string{l.Item, c[0], c[1], c[2]})
	}
	for _, t := range Tables(r, lang) {
		fmt.Fprintf(b, "\n## %s\n\n", t.Title)
		mdTableNum(b, t.Head, t.Rows, t.Num, lang)
	}
	head, rows := decisionTable(r, lang)
	fmt.Fprintf(b, "\n## %s\n\n", tr(lang, "待决事项", "Items needing a decision"))
	mdTable(b, head, rows, lang)
	head, rows = rowsTable(r, lang)
	fmt.Fprintf(b, "\n## %s\n\n", tr(lang, "培育企业明细", "Pipeline enterprises"))
	mdTable(b, head, rows, lang)
	for _, n := range Notes(r, lang) {
		fmt.Fprintf(b, "\n## %s\n\n%s\n", n.Title, n.Text)
	}
	return b.Flush()
}

func mdTable(b *bufio.Writer, head []string, rows [][]string, lang visits.Lang) {
	mdTableNum(b, head, rows, nil, lang)
}

// mdTableNum is mdTable with the columns marked in num aligned right.
func mdTableNum(b *bufio.Writer, head []string, rows [][]string, num []bool, lang visits.Lang) {
	if len(rows) == 0 {
		b.WriteString(tr(lang, "（无）\n", "(none)\n"))
		return
	}
	mdRow(b, head)
	b.WriteString("|")
	for i := range head {
		if i < len(num) && num[i] {
			b.WriteString("--:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, r := range rows {
		mdRow(b, r)
	}
}

func mdRow(b *bufio.Writer, cells []string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteByte(' ')
		if strings.ContainsAny(c, "|\r\n") {
			mdEscaper.WriteString(b, c)
		} else {
			b.WriteString(c)
		}
		b.WriteString(" |")
	}
	b.WriteByte('\n')
}

var mdEscaper = strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ", "\r", " ")

func mdCell(s string) string { return mdEscaper.Replace(s) }
