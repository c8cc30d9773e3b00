package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// A local write of one of HQ's settings is bad input (exit 2), said in the
// chosen language.
func TestSettingAtHQExits2(t *testing.T) {
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		var errw bytes.Buffer
		e := &env{g: global{lang: lang}, out: &bytes.Buffer{}, errw: &errw}
		if code := e.fail(fmt.Errorf("save: %w", store.ErrSettingAtHQ)); code != exitUsage {
			t.Errorf("%s: exit %d, want %d", lang, code, exitUsage)
		}
		if want := map[visits.Lang]string{visits.ZH: "区科技局", visits.EN: "set at HQ"}[lang]; !strings.Contains(errw.String(), want) {
			t.Errorf("%s: %q", lang, errw.String())
		}
		if lang == visits.EN && strings.Contains(errw.String(), "本机") {
			t.Errorf("English message in Chinese: %q", errw.String())
		}
	}
}
