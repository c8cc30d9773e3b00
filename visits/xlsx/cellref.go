package xlsx

import "strconv"

// maxCoord saturates column and row numbers read from a file, so that an
// absurd reference cannot overflow.
const maxCoord = 1 << 30

// parseRef reads a cell reference like "C5" (letters in either case, then
// digits) as its 1-based column and row. ok is false for anything else.
func parseRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = min(col*26+int(c-'a'+1), maxCoord)
		i++
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	row, ok = parseNum(ref[i:])
	return col, row, ok && row > 0
}

// parseNum reads a row number: digits only, saturated at maxCoord.
func parseNum(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = min(n*10+int(s[i]-'0'), maxCoord)
	}
	return n, true
}

// ColumnName is the letters of a 1-based column: 1 is A, 27 is AA.
func ColumnName(col int) string {
	return string(appendColumn(nil, col))
}

func appendColumn(dst []byte, col int) []byte {
	var buf [8]byte
	i := len(buf)
	for col > 0 && i > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return append(dst, buf[i:]...)
}

// CellName is a cell's reference: CellName(3, 5) is "C5".
func CellName(col, row int) string {
	return string(strconv.AppendInt(appendColumn(nil, col), int64(row), 10))
}
