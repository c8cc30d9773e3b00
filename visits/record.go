package visits

// Record is what every entity is: it has a Meta and a wire type. The store
// uses it to stamp ids and times without knowing the concrete type.
type Record interface {
	RecordMeta() *Meta
	RecordType() string
}

// RecordMeta returns the record's Meta for the store to fill in.
func (m *Meta) RecordMeta() *Meta { return m }

func (*Officer) RecordType() string     { return TypeOfficer }
func (*Enterprise) RecordType() string  { return TypeEnterprise }
func (*Assignment) RecordType() string  { return TypeAssignment }
func (*Visit) RecordType() string       { return TypeVisit }
func (*Need) RecordType() string        { return TypeNeed }
func (*NeedEvent) RecordType() string   { return TypeNeedEvent }
func (*FollowUp) RecordType() string    { return TypeFollowUp }
func (*Application) RecordType() string { return TypeApplication }
