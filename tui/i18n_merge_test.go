package tui

// merge returns a new catalogue with the keys of both (tests).
func merge(a, b catalog) catalog {
	out := make(catalog, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
