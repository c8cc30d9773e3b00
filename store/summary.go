package store

import (
	"encoding/json"

	"github.com/liaison-dev/liaison/visits"
	bolt "go.etcd.io/bbolt"
)

// Screens that list every enterprise (the home screen's visits owed, the
// enterprise table) need a few fields of each, not contacts, addresses or
// readiness inputs. A summary of each enterprise is kept beside the record,
// written in the same transaction, so such a screen decodes a small value
// per enterprise.

var bEntSummary = []byte("s:enterprise")

// enterpriseSummary is the summary of a stored enterprise record (nil
// record: none).
func enterpriseSummary(rec []byte) ([]byte, error) {
	if rec == nil {
		return nil, nil
	}
	var e visits.Enterprise
	if err := json.Unmarshal(rec, &e); err != nil {
		return nil, err
	}
	return json.Marshal(visits.Enterprise{
		Meta: visits.Meta{ID: e.ID, CreatedAt: e.CreatedAt}, Name: e.Name, ShortName: e.ShortName, USCC: e.USCC,
		Street: e.Street, Domain: e.Domain, Qualifications: e.Qualifications, Key: e.Key, Stage: e.Stage, Batch: e.Batch,
	})
}

// putSummary keeps an enterprise's summary in step with its record.
func (t txn) putSummary(typ, id string, rec []byte) error {
	if typ != visits.TypeEnterprise {
		return nil
	}
	b := t.tx.Bucket(bEntSummary)
	if rec == nil {
		return b.Delete([]byte(id))
	}
	sum, err := enterpriseSummary(rec)
	if err != nil {
		return err
	}
	return b.Put([]byte(id), sum)
}

// EnterpriseSummaries returns every enterprise with only the fields lists
// need: id, created_at, name, short name, USCC, street, domain,
// qualifications (for tier and 三清单), key flag, stage and batch. Other
// fields are empty; open a record with Get for the rest.
func (r *Reader) EnterpriseSummaries() ([]visits.Enterprise, error) {
	var raws [][]byte
	err := r.tx.Bucket(bEntSummary).ForEach(func(_, v []byte) error {
		raws = append(raws, v) // valid for the life of the transaction
		return nil
	})
	if err != nil {
		return nil, err
	}
	return decodeParallel[visits.Enterprise](visits.TypeEnterprise, raws)
}

// migrateSummaries creates the summary bucket and fills it from the
// enterprises already stored.
func migrateSummaries(tx *bolt.Tx) error {
	b, err := tx.CreateBucketIfNotExists(bEntSummary)
	if err != nil {
		return err
	}
	return tx.Bucket(recBucket(visits.TypeEnterprise)).ForEach(func(id, rec []byte) error {
		sum, err := enterpriseSummary(rec)
		if err != nil {
			return err
		}
		return b.Put(id, sum)
	})
}
