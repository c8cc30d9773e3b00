package sync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	gosync "sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// tamper stands before HQ and rewrites pages of changes that hold a
// change with edit, if set (an older or broken HQ); once: only the first.
type tamper struct {
	mu   gosync.Mutex
	edit func(page []byte) []byte
	once bool
	hits int
}

func (tp *tamper) set(edit func([]byte) []byte, once bool) {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	tp.edit, tp.once = edit, once
}

func (tp *tamper) count() int { tp.mu.Lock(); defer tp.mu.Unlock(); return tp.hits }

func (tp *tamper) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tp.mu.Lock()
		edit := tp.edit
		tp.mu.Unlock()
		if edit == nil || r.URL.Path != "/v1/changes" {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if rec.Code == http.StatusOK && !bytes.Contains(body, []byte(`"changes":[]`)) {
			body = edit(body)
			tp.mu.Lock()
			tp.hits++
			if tp.once {
				tp.edit = nil
			}
			tp.mu.Unlock()
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	})
}

var countRE = regexp.MustCompile(`"count":[0-9]+`)

// addChanges puts bad elements before a page's changes and counts them.
func addChanges(page []byte, bad ...string) []byte {
	p := string(page)
	n, _ := strconv.Atoi(strings.TrimPrefix(countRE.FindString(p), `"count":`))
	p = strings.Replace(p, `"changes":[`, `"changes":[`+strings.Join(bad, ",")+",", 1)
	return []byte(countRE.ReplaceAllString(p, fmt.Sprintf(`"count":%d`, n+len(bad))))
}

// Finding 4 of issue 9, the laptop's half: a page holding changes the
// laptop cannot read or store (a value nested 9,996 deep, a record id
// with a NUL, a member of the wrong type, a value of the wrong type for
// its field, an element that is not a change) made every sync fail with
// "HQ unreachable" (exit 4). Now each is set aside in the rejected list,
// which the officer sees and exports; the rest of the page is stored, the
// sync finishes (exit 3: something needs the officer), and the laptop's
// lists still work.
func TestUnreadableChangesSetAside(t *testing.T) {
	var tp tamper
	h := newLimitedHQ(t, DefaultLimits, tp.wrap)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	h.officer("li", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	li := h.laptop("li", 0)
	good := li.visit(ents[0].ID, "李的走访")
	li.mustSync()

	stamp := li.s.Clock().Now()
	leaf := func(value string) string {
		return fmt.Sprintf(`{"value":%s,"stamp":%q,"author":"li","op_id":%q}`, value, stamp, store.NewID())
	}
	deep := strings.Repeat("[", 9996) + strings.Repeat("]", 9996)
	bad := []string{
		fmt.Sprintf(`{"type":"visit","id":%q,"field":"x_extra","seq":1,"leaves":[%s]}`, good, leaf(deep)),
		fmt.Sprintf(`{"type":"visit","id":"b\u0000","field":"summary","seq":1,"leaves":[%s]}`, leaf(`"x"`)),
		fmt.Sprintf(`{"type":"visit","id":%q,"field":"summary","seq":"x","leaves":[]}`, good),
		fmt.Sprintf(`{"type":"visit","id":%q,"field":"at","seq":1,"leaves":[%s]}`, store.NewID(), leaf(`12345`)),
		`42`,
	}
	// Like an HQ that holds them: every page with changes carries them.
	tp.set(func(p []byte) []byte { return addChanges(p, bad...) }, false)

	sum, err := a.sync()
	t.Logf("sync: %+v, %v", sum, err)
	if err != nil {
		t.Fatalf("sync failed (errors.Is unreachable: %v): %v", errors.Is(err, ErrUnreachable), err)
	}
	if tp.count() == 0 {
		t.Fatal("no page was tampered with: the test tests nothing")
	}
	if sum.Rejected != len(bad) || !sum.NeedsPerson() {
		t.Errorf("summary: %+v; want %d set aside and the officer told", sum, len(bad))
	}
	var rej []store.Rejected
	_ = a.s.View(func(r *store.Reader) error {
		var err error
		rej, err = r.RejectedOps()
		if err != nil {
			t.Fatal(err)
		}
		vs, err := r.VisitsOf(ents[0].ID, 0)
		if err != nil || len(vs) != 1 || vs[0].ID != good || vs[0].At.IsZero() {
			t.Errorf("the page's good change was not stored, or the list fails: %+v %v", vs, err)
		}
		return nil
	})
	if len(rej) != len(bad) {
		t.Fatalf("%d in the rejected list, want %d", len(rej), len(bad))
	}
	for _, x := range rej {
		t.Logf("set aside: %s %q %s: %.120s", x.Op.Type, x.Op.ID, x.Op.Field, x.Reason)
		if x.Code != store.CodeUnreadableChange {
			t.Errorf("code %q", x.Code)
		}
		for _, s := range []string{x.Op.Type, x.Op.ID, x.Op.Field, x.Reason} {
			if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 }) || !utf8.ValidString(s) || utf8.RuneCountInString(s) > store.MaxReasonRunes+1 {
				t.Errorf("not printable or too long: %q", s)
			}
		}
	}
	if _, err := json.Marshal(rej); err != nil {
		t.Errorf("the rejected list does not export: %v", err)
	}
	if probs, err := a.s.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check: %v %v", probs, err)
	}
	// The cursor moved past them: the next sync is clean.
	if sum := a.mustSync(); sum.Rejected != 0 {
		t.Errorf("second sync: %+v", sum)
	}
}

// An answer HQ sends that cannot be read is not "HQ unreachable" (exit
// 4, "try again later"): it is ErrUnreadable, after one more try.
func TestUnreadableAnswerIsNotUnreachable(t *testing.T) {
	var tp tamper
	h := newLimitedHQ(t, DefaultLimits, tp.wrap)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	h.officer("li", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	li := h.laptop("li", 0)
	li.visit(ents[0].ID, "走访")
	li.mustSync()
	// Every page is broken from now on: not a change, the page itself.
	tp.set(func(p []byte) []byte {
		return bytes.Replace(p, []byte(`"has_more":false`), []byte(`"has_more":"no"`), 1)
	}, false)
	start := time.Now()
	_, err := a.sync()
	t.Logf("%v after %v, %d pages tampered with", err, time.Since(start), tp.count())
	if tp.count() == 0 {
		t.Fatal("no page was tampered with: the test tests nothing")
	}
	if !errors.Is(err, ErrUnreadable) || errors.Is(err, ErrUnreachable) {
		t.Fatalf("got %v; want ErrUnreadable, not ErrUnreachable", err)
	}
}
