package store

import (
	"bytes"
	"strconv"

	"github.com/liaison-dev/liaison/visits"
)

// The report reads applications and the shown enterprises' follow-ups
// whole. Their members are as flat as a visit's, but for numbers, lists of
// strings and the list of funnel steps, so the flat decoder reads them
// too: every member of the type is listed, so the result is the whole
// record as encoding/json gives it (TestFlatDecodeMatchesJSON checks it on
// plain and odd records).

func metaFlat[T any](m func(*T) *visits.Meta) []flatField[T] {
	return []flatField[T]{
		flat("id", func(x *T) any { return &m(x).ID }),
		flat("created_at", func(x *T) any { return &m(x).CreatedAt }),
		flat("created_by", func(x *T) any { return &m(x).CreatedBy }),
		flat("updated_at", func(x *T) any { return &m(x).UpdatedAt }),
	}
}

var applicationFlat = append(metaFlat(func(a *visits.Application) *visits.Meta { return &a.Meta }),
	flat("enterprise_id", func(a *visits.Application) any { return &a.EnterpriseID }),
	flat("kind", func(a *visits.Application) any { return &a.Kind }),
	flat("year", func(a *visits.Application) any { return &a.Year }),
	flat("batch", func(a *visits.Application) any { return &a.Batch }),
	flat("stage", func(a *visits.Application) any { return &a.Stage }),
	flat("milestones", func(a *visits.Application) any { return &a.Milestones }),
	flat("blockers", func(a *visits.Application) any { return &a.Blockers }),
	flat("steps", func(a *visits.Application) any {
		return flatSlice[visits.ApplicationStep]{&a.Steps, stepFlat}
	}),
	flat("certificate", func(a *visits.Application) any { return &a.Certificate }),
	flat("issued", func(a *visits.Application) any { return (*string)(&a.Issued) }),
	flat("expires", func(a *visits.Application) any { return (*string)(&a.Expires) }),
)

var stepFlat = []flatField[visits.ApplicationStep]{
	flat("step", func(s *visits.ApplicationStep) any { return &s.Step }),
	flat("date", func(s *visits.ApplicationStep) any { return (*string)(&s.Date) }),
	flat("by", func(s *visits.ApplicationStep) any { return &s.By }),
	flat("note", func(s *visits.ApplicationStep) any { return &s.Note }),
}

var followUpFlat = append(metaFlat(func(f *visits.FollowUp) *visits.Meta { return &f.Meta }),
	flat("enterprise_id", func(f *visits.FollowUp) any { return &f.EnterpriseID }),
	flat("need_id", func(f *visits.FollowUp) any { return &f.NeedID }),
	flat("visit_id", func(f *visits.FollowUp) any { return &f.VisitID }),
	flat("action", func(f *visits.FollowUp) any { return &f.Action }),
	flat("assignee", func(f *visits.FollowUp) any { return &f.Assignee }),
	flat("due", func(f *visits.FollowUp) any { return (*string)(&f.Due) }),
	flat("status", func(f *visits.FollowUp) any { return &f.Status }),
	flat("result", func(f *visits.FollowUp) any { return &f.Result }),
	flat("done_at", func(f *visits.FollowUp) any { return &f.DoneAt }),
)

// setFlatMore is setFlat for the kinds only whole records have: an int, a
// list of strings, a list of flat objects (flatSlice). false: not plain.
func setFlatMore(p any, v []byte) bool {
	switch p := p.(type) {
	case *int:
		if !plainNumber(v, false) {
			return false
		}
		n, err := strconv.ParseInt(string(v), 10, 0)
		*p = int(n)
		return err == nil
	case *[]string:
		if *p != nil {
			return false // a repeated member: encoding/json reuses the slice
		}
		out := []string{}
		ok := flatElements(v, func(e []byte) bool {
			s, ok := plainString(e)
			out = append(out, s)
			return ok
		})
		*p = out
		return ok
	}
	return false
}

// flatSlice is a member that is a list of flat objects.
type flatSlice[T any] struct {
	p      *[]T
	fields []flatField[T]
}

func (s flatSlice[T]) set(v []byte) bool {
	if *s.p != nil {
		return false // repeated: encoding/json decodes into the old elements
	}
	out := []T{}
	ok := flatElements(v, func(e []byte) bool {
		var x T
		ok := decodeFlat(e, s.fields, &x)
		out = append(out, x)
		return ok
	})
	*s.p = out
	return ok
}

func (s flatSlice[T]) setNull() { *s.p = nil }

// flatElements calls each on every element of the JSON array v; false when
// v is not an array or each says an element is not plain.
func flatElements(v []byte, each func([]byte) bool) bool {
	if len(v) < 2 || v[0] != '[' {
		return false
	}
	i := skipSpace(v, 1)
	if i < len(v) && v[i] == ']' {
		return skipSpace(v, i+1) == len(v)
	}
	for i < len(v) {
		j := skipValue(v, i)
		if j < 0 || j == i {
			return false
		}
		if !each(bytes.TrimRight(v[i:j], " \t\r\n")) {
			return false
		}
		i = skipSpace(v, j)
		switch {
		case i < len(v) && v[i] == ',':
			i = skipSpace(v, i+1)
		case i < len(v) && v[i] == ']':
			return skipSpace(v, i+1) == len(v)
		default:
			return false
		}
	}
	return false
}
