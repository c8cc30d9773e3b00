package pinyin

import (
	"bytes"
	"flag"
	"os"
	"sort"
	"strings"
	"testing"

	gopinyin "github.com/mozillazg/go-pinyin"
)

var update = flag.Bool("update", false, "regenerate table.bin from go-pinyin")

// reference is go-pinyin's answer for every character it knows.
func reference() map[rune]string {
	args := gopinyin.NewArgs()
	out := make(map[rune]string, len(gopinyin.PinyinDict))
	for k := range gopinyin.PinyinDict {
		if ps := gopinyin.SinglePinyin(rune(k), args); len(ps) > 0 && ps[0] != "" {
			out[rune(k)] = ps[0]
		}
	}
	return out
}

func build(ref map[rune]string) []byte {
	var runes []rune
	index := map[string]int{}
	var syl []string
	for r, p := range ref {
		runes = append(runes, r)
		if _, ok := index[p]; !ok {
			index[p] = -1
		}
	}
	for p := range index {
		syl = append(syl, p)
	}
	sort.Strings(syl)
	for i, p := range syl {
		index[p] = i
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	var b bytes.Buffer
	b.WriteString(strings.Join(syl, " "))
	b.WriteByte('\n')
	for _, r := range runes {
		i := index[ref[r]]
		b.Write([]byte{byte(r >> 16), byte(r >> 8), byte(r), byte(i >> 8), byte(i)})
	}
	return b.Bytes()
}

// TestTable: Of agrees with go-pinyin for every character go-pinyin
// knows, and knows no others.
func TestTable(t *testing.T) {
	ref := reference()
	if *update {
		if err := os.WriteFile("table.bin", build(ref), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skip("table.bin regenerated; run again without -update")
	}
	for r, want := range ref {
		if got := Of(r); got != want {
			t.Errorf("Of(%q) = %q, want %q", r, got, want)
		}
	}
	if n := (len(table) - strings.IndexByte(table, '\n') - 1) / entrySize; n != len(ref) {
		t.Errorf("table has %d characters, go-pinyin %d", n, len(ref))
	}
	for _, r := range []rune{'a', '1', 0x2FFF, 0x10FFFF, '，'} {
		if got := Of(r); got != "" {
			t.Errorf("Of(%q) = %q, want none", r, got)
		}
	}
	for r, want := range map[rune]string{'中': "zhong", '绿': "lv", '兰': "lan", '重': "zhong"} {
		if got := Of(r); got != want {
			t.Errorf("Of(%q) = %q, want %q", r, got, want)
		}
	}
}

func BenchmarkOf(b *testing.B) {
	s := []rune("兰州高新区科技有限公司")
	for i := 0; i < b.N; i++ {
		for _, r := range s {
			_ = Of(r)
		}
	}
}
