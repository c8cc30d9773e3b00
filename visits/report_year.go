package visits

import "sort"

// The year's figures, 急难愁盼, the needs as a matrix, late needs by unit
// and the readiness gaps summed up.

// YearFigures are counted from 1 January of AsOf's year to AsOf.
//
//   - Visits: visits made;
//   - Needs: needs registered; Closed: of them, those 已办结 on AsOf;
//     OnTime: of those, the ones closed on or before their close deadline
//     (Need.CloseDeadline, else the reply deadline; none: on time);
//   - CloseRate = Closed ÷ Needs (办结率); OnTimeRate = OnTime ÷ Closed
//     (按时办结率);
//   - Revisits: revisits made; Satisfaction = (satisfied + basic) ÷
//     (satisfied + basic + unsatisfied), as the week's rate (满意率).
type YearFigures struct {
	Year         int   `json:"year"`
	Visits       int   `json:"visits"`
	Needs        int   `json:"needs"`
	Closed       int   `json:"closed"`
	OnTime       int   `json:"on_time"`
	CloseRate    Ratio `json:"close_rate"`
	OnTimeRate   Ratio `json:"on_time_rate"`
	Revisits     int   `json:"revisits"`
	Satisfaction Ratio `json:"satisfaction"`
}

// JinanchoupanFigures counts the needs marked 急难愁盼: registered in the
// week, open and overdue on AsOf, registered this year.
type JinanchoupanFigures struct {
	New     Figure `json:"new"`
	Open    Figure `json:"open"`
	Overdue Figure `json:"overdue"`
	Year    int    `json:"year"`
}

// NeedMatrixRow is one category of needs: the week's NeedRow and the
// year's 办结率 (closed ÷ registered this year, as YearFigures).
type NeedMatrixRow struct {
	NeedRow
	CloseRate Ratio `json:"close_rate"`
}

// GapFigure counts the pipeline enterprises (the report's rows) whose
// readiness item Code is not met, or near the bar.
type GapFigure struct {
	Code   string `json:"code"`
	NotMet int    `json:"not_met"`
	Near   int    `json:"near"`
}

// closedOn returns the day the need was (last) closed on or before ref,
// "" when it was not closed then.
func (ix *reportIndex) closedOn(n *Need, ref Date) Date {
	var day Date
	seen := false
	cut := endOfDay(ref)
	for _, e := range ix.events[n.ID] {
		if e.To == "" {
			continue
		}
		seen = true
		if e.At.After(cut) {
			break
		}
		if e.To == StatusClosed {
			day = DateOf(e.At)
		} else {
			day = ""
		}
	}
	if !seen && n.Status == StatusClosed {
		if d := DateOf(n.UpdatedAt); d <= ref {
			return d
		}
	}
	return day
}

// yearNeeds computes the year's figures, the 急难愁盼 figures and the
// needs matrix.
func (ix *reportIndex) yearNeeds(w Week, ref Date, cur, last *tally, yearVisits *int) (YearFigures, JinanchoupanFigures, []NeedMatrixRow) {
	yearStart := Date(ref[:4] + "-01-01")
	y := YearFigures{Year: ref.Year()}
	if yearVisits != nil {
		y.Visits = *yearVisits
	} else {
		for i := range ix.ds.Visits {
			if d := ix.visitDay[i]; d >= yearStart && d <= ref {
				y.Visits++
			}
		}
	}
	var j JinanchoupanFigures
	catReg, catClosed := map[string]int{}, map[string]int{}
	prevEnd := w.Prev().End()
	for i := range ix.ds.Needs {
		n := &ix.ds.Needs[i]
		reg := needRegistered(n)
		if n.Jinanchoupan {
			for k, at := range []Date{ref, prevEnd} {
				if reg > at {
					continue
				}
				status := ix.statusAt(n, at)
				wk := w
				if k == 1 {
					wk = w.Prev()
				}
				nf := [...]*Figure{&j.New, &j.Open, &j.Overdue}
				vals := [...]bool{wk.Contains(reg), isOpenStatus(status), ix.overdueAt(n, status, at)}
				for x, f := range nf {
					if k == 0 {
						f.Value += b2i(vals[x])
					} else {
						f.Prev += b2i(vals[x])
					}
				}
			}
		}
		if reg < yearStart || reg > ref {
			continue
		}
		y.Needs++
		catReg[n.Category]++
		j.Year += b2i(n.Jinanchoupan)
		closed := ix.closedOn(n, ref)
		if closed == "" {
			continue
		}
		y.Closed++
		catClosed[n.Category]++
		due := n.CloseDeadline(ix.cal)
		if due == "" {
			due = n.ReplyDeadline(ix.cal)
		}
		y.OnTime += b2i(due == "" || closed <= due)
	}
	for i := range ix.ds.Events {
		ev := &ix.ds.Events[i]
		if d := DateOf(ev.At); ev.Satisfaction != "" && d >= yearStart && d <= ref {
			y.Revisits++
			switch ev.Satisfaction {
			case SatSatisfied, SatBasic:
				y.Satisfaction.Num++
				y.Satisfaction.Den++
			case SatUnsatisfied:
				y.Satisfaction.Den++
			}
		}
	}
	y.CloseRate = Ratio{Num: y.Closed, Den: y.Needs}
	y.OnTimeRate = Ratio{Num: y.OnTime, Den: y.Closed}
	matrix := []NeedMatrixRow{}
	for _, c := range withExtra(withExtra(Codes(KindCategory), cur.needByCat, last.needByCat), catReg) {
		var x, p needCounts
		if k := cur.needByCat[c]; k != nil {
			x = *k
		}
		if k := last.needByCat[c]; k != nil {
			p = *k
		}
		matrix = append(matrix, NeedMatrixRow{NeedRow: needRow(c, x, p), CloseRate: Ratio{Num: catClosed[c], Den: catReg[c]}})
	}
	return y, j, matrix
}

// overdueByUnit lists the lead units with overdue needs on AsOf or at
// last week's end, most overdue first.
func overdueByUnit(cur, last *tally) []CodeFigure {
	out := []CodeFigure{}
	for _, u := range withExtra(nil, cur.needByUnit, last.needByUnit) {
		var f Figure
		if k := cur.needByUnit[u]; k != nil {
			f.Value = k.overdue
		}
		if k := last.needByUnit[u]; k != nil {
			f.Prev = k.overdue
		}
		if f.Value > 0 || f.Prev > 0 {
			out = append(out, CodeFigure{Code: u, Figure: f})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Value != out[j].Value {
			return out[i].Value > out[j].Value
		}
		if (out[i].Code == "") != (out[j].Code == "") {
			return out[j].Code == ""
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// gapFigures sums the readiness items not met or near over the rows.
func gapFigures(counts map[string]*GapFigure) []GapFigure {
	out := []GapFigure{}
	for _, c := range withExtra(Codes(KindReadinessItem), counts) {
		if g := counts[c]; g != nil && g.NotMet+g.Near > 0 {
			out = append(out, *g)
		}
	}
	return out
}
