package visits

// CSVCell defuses a cell meant for a spreadsheet (OWASP, "CSV injection"):
// a text starting with = + - @, a tab or a carriage return would be read
// by Excel as a formula (=HYPERLINK(…), +cmd|…), so it gets a leading '.
// A plain number ("-2", "+3", "+12.5%") and a lone sign are left as they
// are: they cannot be formulas.
func CSVCell(s string) string {
	if len(s) < 2 {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if !plainNumber(s) {
			return "'" + s
		}
	}
	return s
}

// CSVRow is CSVCell over a row, in a new slice.
func CSVRow(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = CSVCell(c)
	}
	return out
}

// plainNumber: an optional sign, digits, an optional fraction, an optional %.
func plainNumber(s string) bool {
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0:
			dot = true
		case c == '%' && i == len(s)-1 && digits > 0:
		default:
			return false
		}
	}
	return digits > 0 && s[len(s)-1] != '.'
}
