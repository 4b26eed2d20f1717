package provider

import (
	"cmp"
	"encoding/json"
	"slices"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// maxGrantFields is the most distinct field names the grants of one
// grantee may use in a CompiledGrants: field sets are 64-bit masks.
const maxGrantFields = 64

// CompiledGrants is a set of grants prepared for fast decisions: grants
// grouped by grantee, field names interned per grantee, purposes, actions
// and fields turned into bit masks. It is immutable after CompileGrants and
// safe for concurrent use. A nil *CompiledGrants holds no grants: it
// denies every request.
type CompiledGrants struct {
	byGrantee map[string]*granteeGrants
}

type granteeGrants struct {
	fields map[string]uint8 // field name → bit
	grants []compiledGrant  // sorted by grant ID
	// sources[i] is a copy of the grant grants[i] was compiled from, for
	// explaining denials; apart, so that deciding scans less memory.
	sources []*Grant
}

type compiledGrant struct {
	id, contract    string
	purposes        uint32
	actions         uint32
	fields          uint64 // granted fields
	sensitive       uint64 // granted fields of a sensitive category
	images          uint64 // granted fields of public-place images
	allowSensitive  bool
	sensitiveBasis  bool // separate consent, or a basis other than consent
	separateConsent bool
	subEntrustment  bool
	revoked         bool
	minLevel        DeIdentification
	from, to        instant
	revokedAt       instant
}

// instant is a time reduced to what ordering needs, so the hot path
// compares two integers instead of calling time.Time methods.
type instant struct {
	sec  int64
	nsec int32
}

func instantOf(t time.Time) instant { return instant{t.Unix(), int32(t.Nanosecond())} }

func (a instant) before(b instant) bool { return a.sec < b.sec || (a.sec == b.sec && a.nsec < b.nsec) }

// query is a request prepared once for checking against many grants.
type query struct {
	req            *Request
	at             instant
	purpose        uint32
	action         uint32
	fields         uint64
	unknownField   bool
	publicSecurity bool
	subProcessor   bool
}

// CompileGrants validates grants and compiles them. Invalid grants are
// one *grassroots.ValidationError listing every problem of every grant,
// with the grant's index in the paths ("grants[2].valid.end"), including
// a grant ID used twice; more than 64 distinct field names for one
// grantee is a *TooManyFieldsError naming the grant and field.
func CompileGrants(grants []Grant) (*CompiledGrants, error) {
	var p validate.Problems
	for i, g := range grants {
		path := grassroots.ElementPath("grants", i)
		p.Nest(path, g.Validate())
		if j := slices.IndexFunc(grants[:i], func(h Grant) bool { return h.ID == g.ID }); g.ID != "" && j >= 0 {
			p.Addf(path+".id", grassroots.RuleUnique, "grant ID %q repeats %s", g.ID, grassroots.ElementPath("grants", j))
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	c := &CompiledGrants{byGrantee: make(map[string]*granteeGrants)}
	for i, g := range grants {
		gg := c.byGrantee[g.Grantee]
		if gg == nil {
			gg = &granteeGrants{fields: make(map[string]uint8)}
			c.byGrantee[g.Grantee] = gg
		}
		cg, err := gg.compile(g, i)
		if err != nil {
			return nil, err
		}
		source := g
		source.Purposes, source.Actions, source.Fields = slices.Clone(g.Purposes), slices.Clone(g.Actions), slices.Clone(g.Fields)
		gg.grants = append(gg.grants, cg)
		gg.sources = append(gg.sources, &source)
	}
	// Grant IDs are unique (checked above), so both sorts put the grants
	// in the same order.
	for _, gg := range c.byGrantee {
		slices.SortFunc(gg.grants, func(a, b compiledGrant) int { return cmp.Compare(a.id, b.id) })
		slices.SortFunc(gg.sources, func(a, b *Grant) int { return cmp.Compare(a.ID, b.ID) })
	}
	return c, nil
}

func (gg *granteeGrants) compile(g Grant, index int) (compiledGrant, error) {
	cg := compiledGrant{
		id: g.ID, contract: g.Contract,
		allowSensitive:  g.Sensitive,
		sensitiveBasis:  g.SeparateConsent != "" || g.LegalBasis != BasisConsent,
		separateConsent: g.SeparateConsent != "",
		subEntrustment:  g.SubEntrustment,
		minLevel:        g.DeIdentification,
		from:            instantOf(g.Valid.Start), to: instantOf(g.Valid.End),
		revoked: !g.Revoked.IsZero(), revokedAt: instantOf(g.Revoked),
	}
	for _, p := range g.Purposes {
		cg.purposes |= 1 << p
	}
	for _, a := range g.Actions {
		cg.actions |= 1 << a
	}
	for _, f := range g.Fields {
		bit, ok := gg.fields[f.Name]
		if !ok {
			if len(gg.fields) == maxGrantFields {
				return compiledGrant{}, &TooManyFieldsError{Grantee: g.Grantee, Grant: g.ID, Index: index, Field: f.Name, Limit: maxGrantFields}
			}
			bit = uint8(len(gg.fields))
			gg.fields[f.Name] = bit
		}
		m := uint64(1) << bit
		cg.fields |= m
		if f.Category.IsSensitive() {
			cg.sensitive |= m
		}
		if f.Category == CategoryPublicImage {
			cg.images |= m
		}
	}
	return cg, nil
}

// Authorize compiles grants and decides req; see CompiledGrants.Authorize.
// Grants that do not compile deny every request with ReasonInvalidGrants,
// the Denial listing CompileGrants' problems. Compile once with
// CompileGrants when deciding many requests.
func Authorize(grants []Grant, req Request) Decision {
	c, err := CompileGrants(grants)
	if err != nil {
		return invalidGrants(&req, err)
	}
	return c.Authorize(req)
}

// Authorize decides req against the grants of req.Grantee. It is allowed
// when one grant allows all of it:
//
//   - the grant is for req.Contract and in force at req.At: from
//     Valid.Start (inclusive) to Valid.End (exclusive), and not revoked at
//     or before req.At;
//   - it allows req.Purpose and req.Action and holds every field of
//     req.Fields;
//   - a sensitive field needs the grant's Sensitive flag and either a
//     separate consent or a legal basis other than consent;
//   - a public-place image needs the public-security purpose or a separate
//     consent;
//   - req.DeIdentification is at least the grant's level;
//   - a Processor other than the grantee needs SubEntrustment.
//
// Otherwise the request is denied with every reason of the grant that came
// closest, and a Denial that names, for each reason, the fields, purpose,
// action or times at fault and what the grant allows. A request that
// fails Request.Validate is denied with ReasonInvalidRequest and its
// problems. Allowing allocates nothing; a denial allocates its Denial.
func (c *CompiledGrants) Authorize(req Request) Decision {
	if !req.valid() {
		return invalidRequest(&req)
	}
	var gg *granteeGrants
	if c != nil {
		gg = c.byGrantee[req.Grantee]
	}
	if gg == nil || len(gg.grants) == 0 {
		return noGrant(&req)
	}
	q := query{
		req: &req, at: instantOf(req.At),
		purpose: 1 << req.Purpose, action: 1 << req.Action,
		publicSecurity: req.Purpose == PurposePublicSecurity,
		subProcessor:   req.Processor != "" && req.Processor != req.Grantee,
	}
	for _, name := range req.Fields {
		if bit, ok := gg.fields[name]; ok {
			q.fields |= 1 << bit
		} else {
			q.unknownField = true
		}
	}
	// One pass: the first grant without reasons allows; otherwise the
	// grant with fewest reasons (the first among equals) is reported.
	best, bestReasons := -1, Reasons(0)
	for i := range gg.grants {
		r := gg.grants[i].reasons(&q)
		if r == 0 {
			return Decision{Allowed: true, Grant: gg.grants[i].id}
		}
		if best < 0 || r.Len() < bestReasons.Len() {
			best, bestReasons = i, r
		}
	}
	return gg.deny(best, &q, bestReasons)
}

// reasons lists every rule of g that q fails. The rules are combined
// without branches: denials come in every mix, so branches would be
// mispredicted.
func (g *compiledGrant) reasons(q *query) Reasons {
	sensitive := q.fields&g.sensitive != 0
	return bit(g.contract != q.req.Contract, ReasonOtherContract) |
		bit(q.at.before(g.from), ReasonNotYetValid) |
		bit(!q.at.before(g.to), ReasonExpired) |
		bit(g.revoked && !q.at.before(g.revokedAt), ReasonRevoked) |
		bit(g.purposes&q.purpose == 0, ReasonPurpose) |
		bit(g.actions&q.action == 0, ReasonAction) |
		bit(q.unknownField || q.fields&^g.fields != 0, ReasonField) |
		bit(sensitive && !g.allowSensitive, ReasonSensitive) |
		bit(sensitive && !g.sensitiveBasis, ReasonSensitiveBasis) |
		bit(q.fields&g.images != 0 && !q.publicSecurity && !g.separateConsent, ReasonPublicImage) |
		bit(q.req.DeIdentification < g.minLevel, ReasonDeIdentification) |
		bit(q.subProcessor && !g.subEntrustment, ReasonSubEntrustment)
}

// bit returns the set holding r when cond holds, else the empty set.
func bit(cond bool, r Reason) Reasons {
	var b Reasons
	if cond {
		b = 1
	}
	return b << r
}

// MarshalJSON writes the reasons as a list of names.
func (s Reasons) MarshalJSON() ([]byte, error) {
	names := make([]string, 0, s.Len())
	for _, r := range s.List() {
		names = append(names, r.String())
	}
	return json.Marshal(names)
}

// UnmarshalJSON reads a list of reason names; an unknown name is an error
// and leaves s unchanged.
func (s *Reasons) UnmarshalJSON(b []byte) error {
	if s == nil {
		return validate.NilTarget("provider.Reasons")
	}
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return err
	}
	var out Reasons
	for _, n := range names {
		r, err := ParseReason(n)
		if err != nil {
			return err
		}
		out = out.With(r)
	}
	*s = out
	return nil
}
