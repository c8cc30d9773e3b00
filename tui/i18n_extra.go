package tui

// Further catalogue files (i18n_settings.go, …) register their Chinese and
// English keys here from an init, so that adding a file of keys touches
// no shared line. A key given twice panics at the first lookup: the tests
// catch it.

var extraCatalogs []func() (zh, en catalog)

// registerCatalog adds a file's keys to the one catalogue.
func registerCatalog(f func() (zh, en catalog)) { extraCatalogs = append(extraCatalogs, f) }

func mergeExtra(zh, en *catalog) {
	for _, f := range extraCatalogs {
		z, e := f()
		for _, pair := range []struct{ into, from catalog }{{*zh, z}, {*en, e}} {
			for k, v := range pair.from {
				if _, dup := pair.into[k]; dup {
					panic("tui: catalogue key " + k + " is given twice")
				}
				pair.into[k] = v
			}
		}
	}
}
