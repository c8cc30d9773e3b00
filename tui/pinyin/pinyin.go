// Package pinyin gives the pinyin of a Chinese character, for search by
// pinyin and by initials. Its table is embedded data read where it lies:
// nothing is built when the program starts (go-pinyin, which this replaces
// in the binary, builds a 40,000-entry map at init, 11–40 ms of every
// command's start-up). table.bin is generated from go-pinyin by
// `go test ./tui/pinyin -run TestTable -update`, and the test checks
// every character against it.
package pinyin

import (
	_ "embed"
	"strings"
	"sync"
)

// table.bin: the syllables, separated by spaces, then '\n', then one
// 5-byte entry per character in rune order: the rune (3 bytes, big
// endian) and its syllable's index (2 bytes, big endian).
//
//go:embed table.bin
var table string

const entrySize = 5

var syllables = sync.OnceValues(func() ([]string, string) {
	i := strings.IndexByte(table, '\n')
	return strings.Split(table[:i], " "), table[i+1:]
})

// Of returns the pinyin of r without tones ("zhong" for 中, "lv" for 绿),
// its first reading where it has several; "" for a rune with none.
func Of(r rune) string {
	syl, entries := syllables()
	lo, hi := 0, len(entries)/entrySize
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		e := entries[m*entrySize:]
		switch k := rune(e[0])<<16 | rune(e[1])<<8 | rune(e[2]); {
		case k < r:
			lo = m + 1
		case k > r:
			hi = m
		default:
			return syl[int(e[3])<<8|int(e[4])]
		}
	}
	return ""
}
