package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/liaison-dev/liaison/visits"
)

// HQ's settings (visits/settings.go) are records of type setting: HQ
// writes them like master data, every laptop pulls them whatever its
// scope, and nothing but HQ may change them. A laptop reads them here and
// falls back to the built-in rules for what HQ has not set.

// ErrSettingAtHQ refuses a local write of a setting: only HQ sets the
// rules (an officer's push of one is refused forbidden).
var ErrSettingAtHQ = errors.New("设置由区科技局（HQ）统一下发，本机不能修改（settings are set at HQ; a laptop cannot change them）")

// Settings returns what HQ last sent (zero: nothing; the built-in rules).
func (r *Reader) Settings() visits.Settings { return settingsIn(r.tx, "") }

// settingsIn reads the settings whose ids start with prefix ("": all).
func settingsIn(tx Tx, prefix string) visits.Settings {
	var s visits.Settings
	c := recordsOf(tx, visits.TypeSetting).Cursor()
	for id, raw := c.Seek([]byte(prefix)); id != nil && bytes.HasPrefix(id, []byte(prefix)); id, raw = c.Next() {
		var rec visits.Setting
		if json.Unmarshal(raw, &rec) == nil && len(rec.Value) > 0 {
			s.Add(string(id), rec.Value)
		}
	}
	return s
}

// Setting returns the raw value of one setting (ErrNotFound: not set).
func (r *Reader) Setting(id string) (visits.Setting, error) {
	return Get[visits.Setting](r, id)
}

// settingFits returns why op cannot be a setting's value ("" if it can or
// is not one): the value of a setting HQ and every laptop know must have
// its shape (visits.CheckSetting).
func settingFits(op Op) string {
	if op.Type != visits.TypeSetting || op.Field != "value" {
		return ""
	}
	if err := visits.CheckSetting(op.ID, op.Value); err != nil {
		return err.Error()
	}
	return ""
}

// hqOnly reports whether records of typ are HQ's alone: every officer
// sees them and none may change them.
func hqOnly(typ string) bool { return typ == visits.TypeSetting }

// migrateSettings adds the buckets of the setting records.
func migrateSettings(tx Tx) error {
	for _, b := range [][]byte{fieldsBucket(visits.TypeSetting), recBucket(visits.TypeSetting)} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return fmt.Errorf("settings: %w", err)
		}
	}
	return nil
}
