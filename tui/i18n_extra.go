package tui

// Further catalogue files (i18n_settings.go, …) register their Chinese and
// English keys here from an init, so that adding a file of keys touches
// no shared line. A key given twice panics at the first lookup: the tests
// catch it.

var extraCatalogs []func() (zh, en catalog)

// registerCatalog adds a file's keys to the one catalogue.
func registerCatalog(f func() (zh, en catalog)) { extraCatalogs = append(extraCatalogs, f) }

// mergeExtra adds the further files' keys of one language to into.
func mergeExtra(into catalog, en bool) {
	for _, f := range extraCatalogs {
		from, fromEN := f()
		if en {
			from = fromEN
		}
		for k, v := range from {
			if _, dup := into[k]; dup {
				panic("tui: catalogue key " + k + " is given twice")
			}
			into[k] = v
		}
	}
}
