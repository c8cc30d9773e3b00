package tui

import (
	"strings"
)

// table is the one list component of the UI (after pug's table): rows of
// cells under titled columns that share the terminal's width, a selection
// kept in view, and scrolling. A screen says what its columns are and how
// to make a row; rows are made only when drawn (or measured), so a list of
// 10,000 enterprises builds only the rows on the screen.
type table struct {
	c      *common
	cols   []column
	n      int                  // rows
	row    func(i int) []string // the cells of row i, text already cleaned
	sel    int
	top    int   // the first row shown
	cursor bool  // rows are selected (marked > and in reverse video)
	head   bool  // the column titles head the rows
	rows   int   // rows shown by the last View (for paging)
	nat    []int // the cells' widths measured over every row; nil: not yet
}

// column is a column's title and how it takes width: at least min cells,
// at most max (0: no limit), as much as its cells need in between, and a
// share (flex) of the width left when every column has what it needs. When
// the width is short, columns give up cells in proportion to what they
// have above their minimum.
type column struct {
	title    string
	min, max int
	flex     int
	right    bool // numbers stand right-aligned
}

// measureRows is how many rows are measured for their widths, once
// after each change (BenchmarkTableDraw); a longer table measures the
// rows in view, each time it is drawn.
const measureRows = 500

// set gives the table n rows made by row, keeping the selection in range
// (-1: no row of this table is selected). A screen that draws the same
// rows again may call it on every View; when the rows change it calls
// changed, so their widths are measured again.
func (t *table) set(n int, row func(i int) []string) {
	if n != t.n {
		t.nat = nil
	}
	t.n, t.row = n, row
	t.sel = min(t.sel, n-1)
}

// changed says the rows are not the ones measured.
func (t *table) changed() { t.nat = nil }

// natural is the widest cell of each column (and its title), over every
// row of a short table (kept until the rows change) or over rows
// [from, to) of a long one.
func (t *table) natural(from, to int) []int {
	if t.n <= measureRows && t.nat != nil {
		return t.nat
	}
	if t.n <= measureRows {
		from, to = 0, t.n
	}
	nat := make([]int, len(t.cols))
	for i, col := range t.cols {
		if t.head {
			nat[i] = displayWidth(col.title)
		}
	}
	for r := from; r < to; r++ {
		cells := t.row(r)
		for i, col := range t.cols {
			if i < len(cells) && (col.max == 0 || col.max > col.min) {
				nat[i] = max(nat[i], displayWidth(cells[i]))
			}
		}
	}
	if t.n <= measureRows {
		t.nat = nat
	}
	return nat
}

// move moves the selection by d rows.
func (t *table) move(d int) { t.sel = max(0, min(t.n-1, t.sel+d)) }

// page is the number of rows a page key moves.
func (t *table) page() int { return max(1, t.rows-1) }

func (t *table) markW() int {
	if t.cursor {
		return 2
	}
	return 0
}

// widths shares w cells between the columns, for rows [from, to).
func (t *table) widths(w, from, to int) []int {
	natural := t.natural(from, to)
	want := make([]int, len(t.cols))
	for i, col := range t.cols {
		nat := natural[i]
		if col.max > 0 {
			nat = min(nat, col.max)
		}
		want[i] = max(nat, col.min)
	}
	avail := w - t.markW() - (len(t.cols) - 1)
	sum := 0
	for _, x := range want {
		sum += x
	}
	switch {
	case sum < avail:
		share(want, t.cols, avail-sum)
	case sum > avail:
		shrink(want, t.cols, sum-avail)
	}
	return want
}

// share gives spare cells to the flexible columns, by their shares, up
// to their maximum; what none can take stays blank at the right.
func share(want []int, cols []column, spare int) {
	room := func(i int) int {
		if cols[i].flex == 0 {
			return 0
		}
		if cols[i].max == 0 {
			return spare
		}
		return max(0, cols[i].max-want[i])
	}
	for spare > 0 {
		total := 0
		for i, c := range cols {
			if room(i) > 0 {
				total += c.flex
			}
		}
		if total == 0 {
			return
		}
		given := 0
		for i, c := range cols {
			if r := room(i); r > 0 {
				add := min(r, max(1, spare*c.flex/total), spare-given)
				want[i] += add
				given += add
			}
		}
		spare -= given
		if given == 0 {
			return
		}
	}
}

// shrink takes over cells away from the columns in proportion to what
// each has above its minimum: a long summary gives up most, a short code
// hardly anything. Only when every column is at its minimum are the last
// columns cut further.
func shrink(want []int, cols []column, over int) {
	excess := 0
	for i, c := range cols {
		excess += want[i] - c.min
	}
	if excess > 0 {
		take := min(over, excess)
		taken := 0
		for i, c := range cols {
			n := take * (want[i] - c.min) / excess
			want[i] -= n
			taken += n
		}
		for over, taken = over-taken, take-taken; taken > 0; taken-- { // rounding: the roomiest first
			best := 0
			for i, c := range cols {
				if want[i]-c.min > want[best]-cols[best].min {
					best = i
				}
			}
			want[best]--
			over--
		}
	}
	for i := len(want) - 1; i >= 0 && over > 0; i-- {
		n := min(over, want[i])
		want[i] -= n
		over -= n
	}
}

// line draws one row's cells in the given widths.
func (t *table) line(cells []string, widths []int) string {
	var b strings.Builder
	for i, wd := range widths {
		if i > 0 {
			b.WriteByte(' ')
		}
		cell := ""
		if i < len(cells) {
			cell = cells[i]
		}
		if t.cols[i].right && displayWidth(cell) < wd {
			b.WriteString(strings.Repeat(" ", wd-displayWidth(cell)) + cell)
		} else {
			b.WriteString(fit(cell, wd))
		}
	}
	return b.String()
}

// title is the row of column titles.
func (t *table) title(widths []int) string {
	cells := make([]string, len(t.cols))
	for i, c := range t.cols {
		cells[i] = c.title
	}
	return t.c.styles.heading.Render(strings.Repeat(" ", t.markW()) + t.line(cells, widths))
}

// View draws the titles (if any) and the rows in view in exactly w×h
// cells, scrolled so the selection shows.
func (t *table) View(w, h int) string {
	var lines []string
	rows := h
	if t.head {
		rows--
	}
	t.rows = max(1, rows)
	if t.sel < t.top {
		t.top = t.sel
	}
	if t.sel >= t.top+t.rows {
		t.top = t.sel - t.rows + 1
	}
	t.top = max(0, min(t.top, t.n-t.rows))
	end := min(t.n, t.top+t.rows)
	widths := t.widths(w, t.top, end)
	if t.head && h > 0 {
		lines = append(lines, t.title(widths))
	}
	for i := t.top; i < end; i++ {
		lines = append(lines, t.drawRow(i, widths, w))
	}
	return block(strings.Join(lines, "\n"), w, h)
}

func (t *table) drawRow(i int, widths []int, w int) string {
	l := t.line(t.row(i), widths)
	if !t.cursor {
		return l
	}
	if i == t.sel {
		return t.c.styles.selected.Render(fit("> "+l, w))
	}
	return "  " + l
}

// lines draws the titles and every row, for a view that scrolls over more
// than one table (the report).
func (t *table) lines(w int) []string {
	widths := t.widths(w, 0, t.n)
	var out []string
	if t.head {
		out = append(out, t.title(widths))
	}
	for i := 0; i < t.n; i++ {
		out = append(out, cut(t.drawRow(i, widths, w), w))
	}
	return out
}
