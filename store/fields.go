package store

import "fmt"

// EachField calls fn for every field of every record, deleted records
// included, in type and id order. It is how tests and tools compare two
// databases field by field.
func (r *Reader) EachField(fn func(typ, id, field string, leaves []Leaf) error) error {
	for _, typ := range recordTypes {
		err := r.tx.Bucket(fieldsBucket(typ)).ForEach(func(k, v []byte) error {
			fs, err := decodeFields(v)
			if err != nil {
				return fmt.Errorf("%s %s: %w", typ, k, err)
			}
			for name, leaves := range fs {
				if len(leaves) == 0 {
					continue
				}
				if err := fn(typ, string(k), name, leaves); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// RecordTypes returns the record types the store keeps.
func RecordTypes() []string { return append([]string(nil), recordTypes...) }
