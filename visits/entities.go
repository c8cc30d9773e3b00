package visits

import "time"

// Record types as they appear on the wire ("type" of a field op) and in the
// store. They are stable identifiers.
const (
	TypeOfficer     = "officer"
	TypeEnterprise  = "enterprise"
	TypeAssignment  = "assignment"
	TypeVisit       = "visit"
	TypeNeed        = "need"
	TypeNeedEvent   = "need_event"
	TypeFollowUp    = "followup"
	TypeApplication = "application"
)

// Meta is carried by every record. JSON names are the field names of the
// wire format; each top-level JSON field of a record is one synced field.
type Meta struct {
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Officer is a member of field staff.
type Officer struct {
	Meta
	Name        string   `json:"name"`
	Roles       []string `json:"roles"`
	Unit        string   `json:"unit,omitempty"`
	Institution string   `json:"institution,omitempty"`
	Phone       string   `json:"phone,omitempty"`
}

// Contact is a person at an enterprise.
type Contact struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Qualification is a certificate an enterprise holds: Kind is a tier code
// (tsme, prov, hnte).
type Qualification struct {
	Kind        string `json:"kind"`
	Certificate string `json:"certificate,omitempty"`
	Issued      Date   `json:"issued,omitempty"`
	Expires     Date   `json:"expires,omitempty"`
}

// Readiness holds the inputs of the HNTE readiness checklist. A nil pointer
// means "not known yet", which is never counted as failing.
type Readiness struct {
	RegisteredOn    Date     `json:"registered_on,omitempty"`
	IPClassI        *int     `json:"ip_class_i,omitempty"`
	IPClassII       *int     `json:"ip_class_ii,omitempty"`
	StaffTotal      *int     `json:"staff_total,omitempty"`
	StaffRD         *int     `json:"staff_rd,omitempty"`
	Sales3Y         *float64 `json:"sales_3y,omitempty"`        // yuan, last three years
	SalesLastYear   *float64 `json:"sales_last_year,omitempty"` // yuan
	RD3Y            *float64 `json:"rd_3y,omitempty"`           // yuan, last three years
	RDInChina3Y     *float64 `json:"rd_in_china_3y,omitempty"`  // yuan
	HighTechIncome  *float64 `json:"high_tech_income,omitempty"`
	TotalIncome     *float64 `json:"total_income,omitempty"`
	InnovationScore *float64 `json:"innovation_score,omitempty"`
	MajorViolation  *bool    `json:"major_violation,omitempty"`
}

// Enterprise is a company on the district's lists. Tier and 三清单
// membership are derived (see Tier and Lists), never typed.
type Enterprise struct {
	Meta
	USCC           string          `json:"uscc,omitempty"`
	USCCConfirmed  bool            `json:"uscc_confirmed,omitempty"` // check character failed, officer confirmed
	Name           string          `json:"name"`
	ShortName      string          `json:"short_name,omitempty"`
	Street         string          `json:"street,omitempty"`
	Address        string          `json:"address,omitempty"`
	LegalRep       string          `json:"legal_rep,omitempty"`
	Contacts       []Contact       `json:"contacts,omitempty"`
	Domain         string          `json:"domain,omitempty"`
	Qualifications []Qualification `json:"qualifications,omitempty"`
	AboveSize      bool            `json:"above_size,omitempty"`   // 规上
	Private        bool            `json:"private,omitempty"`      // 民营
	Specialized    bool            `json:"specialized,omitempty"`  // 专精特新
	LittleGiant    bool            `json:"little_giant,omitempty"` // 专精特新"小巨人"
	Key            bool            `json:"key,omitempty"`          // key enterprise: 30-day cadence
	Stage          string          `json:"stage,omitempty"`        // cultivation stage
	Batch          int             `json:"batch,omitempty"`        // planned HNTE batch 1..3
	ArrivedOn      Date            `json:"arrived_on,omitempty"`   // 落户日期: moved into the district (新落户必访)
	Readiness      Readiness       `json:"readiness"`
}

// Assignment is one 包抓联 link: an officer responsible for an enterprise.
type Assignment struct {
	Meta
	EnterpriseID string `json:"enterprise_id"`
	OfficerID    string `json:"officer_id"`
	Role         string `json:"role"`
	CadenceDays  int    `json:"cadence_days,omitempty"` // 0: default (30 key, 90 others)
}

// Visit is one 走访.
type Visit struct {
	Meta
	EnterpriseID   string    `json:"enterprise_id"`
	At             time.Time `json:"at"`
	Occasion       string    `json:"occasion"`
	ExtraOccasions []string  `json:"extra_occasions,omitempty"`
	Method         string    `json:"method"`
	Purposes       []string  `json:"purposes,omitempty"`
	LeadOfficer    string    `json:"lead_officer,omitempty"`
	Companions     []string  `json:"companions,omitempty"`
	PeopleMet      string    `json:"people_met,omitempty"`
	Summary        string    `json:"summary"`
	Policies       string    `json:"policies,omitempty"`
	NeedIDs        []string  `json:"need_ids,omitempty"`
	SolvedOnSpot   string    `json:"solved_on_spot,omitempty"`
	NextPlan       string    `json:"next_plan,omitempty"`
	Note           string    `json:"note,omitempty"` // required when occasion is "other"
	// Corrections is the history of changes made after the visit was
	// saved: a completed visit is never edited silently.
	Corrections []Correction `json:"corrections,omitempty"`
}

// Correction is one change to a saved visit: which field, from what, to
// what, by whom, when and why.
type Correction struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Field  string    `json:"field"`
	From   string    `json:"from"`
	To     string    `json:"to"`
	Reason string    `json:"reason"`
}

// Date returns the visit's calendar day in Asia/Shanghai.
func (v Visit) Date() Date { return DateOf(v.At) }

// Need is one 诉求 (including 技术难题 when Category is "tech").
type Need struct {
	Meta
	EnterpriseID  string    `json:"enterprise_id"`
	VisitID       string    `json:"visit_id,omitempty"`
	Nature        string    `json:"nature,omitempty"`
	Category      string    `json:"category"`
	Severity      string    `json:"severity"`
	Title         string    `json:"title"`
	Description   string    `json:"description,omitempty"`
	Jinanchoupan  bool      `json:"jinanchoupan,omitempty"`
	FirstReceiver string    `json:"first_receiver,omitempty"`
	LeadUnit      string    `json:"lead_unit,omitempty"`
	CoUnits       []string  `json:"co_units,omitempty"`
	RegisteredAt  time.Time `json:"registered_at"`
	ReplyDue      Date      `json:"reply_due,omitempty"`
	CloseDue      Date      `json:"close_due,omitempty"`
	Extended      bool      `json:"extended,omitempty"`
	Status        string    `json:"status"`
	Satisfaction  string    `json:"satisfaction,omitempty"`
	// Technical problems (category tech).
	TechDomain   string `json:"tech_domain,omitempty"`
	Tried        string `json:"tried,omitempty"`
	Partner      string `json:"partner,omitempty"` // desired partner: university, institute, company
	Confidential bool   `json:"confidential,omitempty"`
}

// NeedEvent is one append-only step in a need's history.
type NeedEvent struct {
	Meta
	NeedID       string    `json:"need_id"`
	Action       string    `json:"action"` // status, note, extend, escalate, revisit
	From         string    `json:"from,omitempty"`
	To           string    `json:"to,omitempty"`
	Text         string    `json:"text,omitempty"`
	Actor        string    `json:"actor,omitempty"`
	At           time.Time `json:"at"`
	Satisfaction string    `json:"satisfaction,omitempty"`
}

// FollowUp is a promised action (跟进).
type FollowUp struct {
	Meta
	EnterpriseID string    `json:"enterprise_id"`
	NeedID       string    `json:"need_id,omitempty"`
	VisitID      string    `json:"visit_id,omitempty"`
	Action       string    `json:"action"`
	Assignee     string    `json:"assignee,omitempty"`
	Due          Date      `json:"due"`
	Status       string    `json:"status"`
	Result       string    `json:"result,omitempty"`
	DoneAt       time.Time `json:"done_at,omitempty"`
}

// Application tracks one enterprise's application (申报推进).
type Application struct {
	Meta
	EnterpriseID string   `json:"enterprise_id"`
	Kind         string   `json:"kind"` // hnte, tsme, prov
	Year         int      `json:"year"`
	Batch        int      `json:"batch,omitempty"`
	Stage        string   `json:"stage,omitempty"`
	Milestones   []string `json:"milestones,omitempty"`
	Blockers     []string `json:"blockers,omitempty"`
	// Steps is the funnel (plan.go) as recorded, oldest first; the last
	// is where the application stands. StepApproved carries the
	// certificate that becomes the enterprise's qualification.
	Steps       []ApplicationStep `json:"steps,omitempty"`
	Certificate string            `json:"certificate,omitempty"`
	Issued      Date              `json:"issued,omitempty"`
	Expires     Date              `json:"expires,omitempty"`
}
