package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// testGrant lets prov-1 read and display residents' names, phones and
// health records and public-place video for elderly care under ct-2026-001
// during 2026, de-identified.
func testGrant() Grant {
	return Grant{
		ID: "g-care", Grantor: "gov-lucheng", Grantee: "prov-1", Contract: "ct-2026-001",
		Purposes:   []Purpose{PurposeServiceDelivery, PurposePublicSecurity},
		LegalBasis: BasisStatutoryDuty,
		Fields: []Field{
			{Name: "name", Category: CategoryBasic},
			{Name: "phone", Category: CategoryContact},
			{Name: "health_record", Category: CategoryHealth},
			{Name: "street_video", Category: CategoryPublicImage},
		},
		Sensitive:        true,
		Actions:          []Action{ActionRead, ActionDisplay},
		DeIdentification: DeIdentified,
		Valid:            grassroots.Period{Start: day(2026, 1, 1), End: day(2027, 1, 1)},
		Retention:        30 * 24 * time.Hour,
		Disposition:      DispositionDelete,
		DisposalDelay:    15 * 24 * time.Hour,
	}
}

func testRequest() Request {
	return Request{
		Grantee: "prov-1", Contract: "ct-2026-001", Purpose: PurposeServiceDelivery, Action: ActionRead,
		Fields: []string{"name", "phone"}, DeIdentification: DeIdentified, At: day(2026, 6, 1),
	}
}

func reasons(rs ...Reason) Reasons {
	var s Reasons
	for _, r := range rs {
		s = s.With(r)
	}
	return s
}

type authorizeCase struct {
	name   string
	grants []Grant
	edit   func(*Request)
	want   Reasons
}

func authorizeCases() []authorizeCase {
	consentOnly := testGrant()
	consentOnly.LegalBasis = BasisConsent
	noSensitive := testGrant()
	noSensitive.Sensitive = false
	noSensitiveNoBasis := noSensitive
	noSensitiveNoBasis.LegalBasis = BasisConsent
	consented := testGrant()
	consented.LegalBasis, consented.SeparateConsent = BasisConsent, "consent-batch-42"
	subOK := testGrant()
	subOK.SubEntrustment = true
	revoked := testGrant()
	revoked.Revoked = day(2026, 6, 1)

	return []authorizeCase{
		{"allowed", []Grant{testGrant()}, nil, 0},
		{"invalid request: no fields", []Grant{testGrant()}, func(r *Request) { r.Fields = nil }, reasons(ReasonInvalidRequest)},
		{"invalid request: undefined purpose", []Grant{testGrant()}, func(r *Request) { r.Purpose = 0 }, reasons(ReasonInvalidRequest)},
		{"invalid grants", []Grant{{ID: "broken"}}, nil, reasons(ReasonInvalidGrants)},
		{"no grant for the grantee", []Grant{testGrant()}, func(r *Request) { r.Grantee = "prov-2" }, reasons(ReasonNoGrant)},
		{"no grants at all", nil, nil, reasons(ReasonNoGrant)},
		{"other contract", []Grant{testGrant()}, func(r *Request) { r.Contract = "ct-old" }, reasons(ReasonOtherContract)},
		{"not yet valid", []Grant{testGrant()}, func(r *Request) { r.At = day(2025, 12, 31) }, reasons(ReasonNotYetValid)},
		{"expired", []Grant{testGrant()}, func(r *Request) { r.At = day(2027, 3, 1) }, reasons(ReasonExpired)},
		{"revoked at the instant", []Grant{revoked}, nil, reasons(ReasonRevoked)},
		{"before revocation", []Grant{revoked}, func(r *Request) { r.At = day(2026, 6, 1).Add(-time.Nanosecond) }, 0},
		{"purpose", []Grant{testGrant()}, func(r *Request) { r.Purpose = PurposeStatistics }, reasons(ReasonPurpose)},
		{"action", []Grant{testGrant()}, func(r *Request) { r.Action = ActionExport }, reasons(ReasonAction)},
		{"field not granted", []Grant{testGrant()}, func(r *Request) { r.Fields = []string{"name", "religion"} }, reasons(ReasonField)},
		{"sensitive field with flag and statutory basis", []Grant{testGrant()}, func(r *Request) { r.Fields = []string{"health_record"} }, 0},
		{"sensitive field without flag", []Grant{noSensitive}, func(r *Request) { r.Fields = []string{"health_record"} }, reasons(ReasonSensitive)},
		{"sensitive field on consent without separate consent", []Grant{consentOnly}, func(r *Request) { r.Fields = []string{"health_record"} }, reasons(ReasonSensitiveBasis)},
		{"sensitive field on separate consent", []Grant{consented}, func(r *Request) { r.Fields = []string{"health_record"} }, 0},
		{"sensitive field: neither flag nor basis", []Grant{noSensitiveNoBasis}, func(r *Request) { r.Fields = []string{"health_record"} }, reasons(ReasonSensitive, ReasonSensitiveBasis)},
		{"non-sensitive fields need no flag", []Grant{noSensitiveNoBasis}, nil, 0},
		{"public images for public security", []Grant{testGrant()}, func(r *Request) { r.Fields, r.Purpose = []string{"street_video"}, PurposePublicSecurity }, 0},
		{"public images for service delivery", []Grant{testGrant()}, func(r *Request) { r.Fields = []string{"street_video"} }, reasons(ReasonPublicImage)},
		{"public images with separate consent", []Grant{consented}, func(r *Request) { r.Fields = []string{"street_video"} }, 0},
		{"less de-identified than required", []Grant{testGrant()}, func(r *Request) { r.DeIdentification = Identified }, reasons(ReasonDeIdentification)},
		{"more de-identified than required", []Grant{testGrant()}, func(r *Request) { r.DeIdentification = Anonymised }, 0},
		{"sub-processor not allowed", []Grant{testGrant()}, func(r *Request) { r.Processor = "sub-co" }, reasons(ReasonSubEntrustment)},
		{"sub-processor allowed", []Grant{subOK}, func(r *Request) { r.Processor = "sub-co" }, 0},
		{"grantee as its own processor", []Grant{testGrant()}, func(r *Request) { r.Processor = "prov-1" }, 0},
		{"every per-grant reason at once", []Grant{noSensitiveNoBasis}, func(r *Request) {
			*r = Request{Grantee: "prov-1", Contract: "ct-x", Processor: "sub-co", Purpose: PurposeStatistics, Action: ActionShare,
				Fields: []string{"health_record", "street_video", "unknown"}, DeIdentification: Identified, At: day(2027, 1, 1)}
		}, reasons(ReasonOtherContract, ReasonExpired, ReasonPurpose, ReasonAction, ReasonField, ReasonSensitive,
			ReasonSensitiveBasis, ReasonPublicImage, ReasonDeIdentification, ReasonSubEntrustment)},
		{"three reasons", []Grant{testGrant()}, func(r *Request) { r.Purpose, r.Action, r.At = PurposeStatistics, ActionExport, day(2025, 1, 1) },
			reasons(ReasonNotYetValid, ReasonPurpose, ReasonAction)},
	}
}

func TestAuthorizeEveryReason(t *testing.T) {
	for _, tc := range authorizeCases() {
		t.Run(tc.name, func(t *testing.T) {
			req := testRequest()
			if tc.edit != nil {
				tc.edit(&req)
			}
			d := Authorize(tc.grants, req)
			assert.Equal(t, tc.want == 0, d.Allowed, "%s: allowed", tc.name)
			assert.Equal(t, tc.want.List(), d.Reasons.List(), "%s: reasons", tc.name)
		})
	}
}

func TestAuthorizeTableCoversEveryReason(t *testing.T) {
	var seen Reasons
	for _, tc := range authorizeCases() {
		seen |= tc.want
	}
	for _, r := range reasonNames.Values() {
		assert.True(t, seen.Has(r), "no case denies for %s", r)
	}
}

func TestAuthorizeExpiryIsExclusive(t *testing.T) {
	g := testGrant()
	c, err := CompileGrants([]Grant{g})
	require.NoError(t, err)
	req := testRequest()
	req.At = g.Valid.End.Add(-time.Nanosecond)
	assert.True(t, c.Authorize(req).Allowed, "one nanosecond before the end")
	req.At = g.Valid.End
	d := c.Authorize(req)
	assert.False(t, d.Allowed, "at the end instant")
	assert.Equal(t, []Reason{ReasonExpired}, d.Reasons.List())
	req.At = g.Valid.Start
	assert.True(t, c.Authorize(req).Allowed, "at the start instant")
}

func TestAuthorizeChoosesAnyAllowingGrantAndClosestDenial(t *testing.T) {
	narrow := testGrant()
	narrow.ID, narrow.Actions = "g-a-narrow", []Action{ActionDisplay}
	wide := testGrant()
	wide.ID, wide.Actions = "g-b-wide", []Action{ActionRead, ActionExport}
	d := Authorize([]Grant{wide, narrow}, testRequest())
	assert.True(t, d.Allowed)
	assert.Equal(t, "g-b-wide", d.Grant)

	other := testGrant()
	other.ID, other.Contract, other.Purposes = "g-other", "ct-old", []Purpose{PurposeStatistics}
	req := testRequest()
	req.Action = ActionShare
	d = Authorize([]Grant{other, narrow}, req)
	assert.False(t, d.Allowed)
	assert.Equal(t, "g-a-narrow", d.Grant, "the grant with fewest reasons")
	assert.Equal(t, []Reason{ReasonAction}, d.Reasons.List())
}

func TestCompileGrantsRejects(t *testing.T) {
	late := testGrant()
	late.ID, late.Valid.End = "g-late", time.Time{}
	_, err := CompileGrants([]Grant{testGrant(), {ID: "x"}, late, testGrant()})
	assert.ErrorIs(t, err, grassroots.ErrInvalid)
	requireProblem(t, err, "grants[1].grantee", grassroots.RuleRequired)
	requireProblem(t, err, "grants[2].valid.end", grassroots.RuleRequired)
	requireProblem(t, err, "grants[3].id", grassroots.RuleUnique)

	g := testGrant()
	g.ID, g.Fields = "g-wide", nil
	for i := range maxGrantFields + 1 {
		g.Fields = append(g.Fields, Field{Name: fmt.Sprintf("f%d", i), Category: CategoryBasic})
	}
	_, err = CompileGrants([]Grant{testGrant(), g})
	assert.ErrorIs(t, err, ErrTooManyFields)
	var tm *TooManyFieldsError
	require.ErrorAs(t, err, &tm)
	assert.Equal(t, TooManyFieldsError{Grantee: "prov-1", Grant: "g-wide", Index: 1, Field: "f60", Limit: maxGrantFields}, *tm,
		"the testGrant's four fields and f0 to f59 fill the 64 bits")

	d := Authorize([]Grant{testGrant(), g}, testRequest())
	require.NotNil(t, d.Denial)
	require.Len(t, d.Denial.Problems, 1)
	assert.Equal(t, "grants[1].fields", d.Denial.Problems[0].Path, "the denial names the grant at fault")
	assert.Equal(t, grassroots.RuleMax, d.Denial.Problems[0].Rule)
}

// TestAuthorizeDenialNamesWhatIsAtFault checks, for each reason, that
// the denial holds the requested values at fault and what the grant
// allows, and that the error says so.
func TestAuthorizeDenialNamesWhatIsAtFault(t *testing.T) {
	c, err := CompileGrants([]Grant{testGrant()})
	require.NoError(t, err)
	allowed := c.Authorize(testRequest())
	require.True(t, allowed.Allowed)
	assert.NoError(t, allowed.Err(), "an allowing decision is no error")
	assert.Nil(t, allowed.Denial)

	req := testRequest()
	req.Purpose, req.Action = PurposeStatistics, ActionExport
	req.Fields = []string{"name", "health_record", "religion", "street_video", "religion"}
	req.DeIdentification, req.Processor, req.At = Identified, "sub-co", day(2027, 2, 1)
	g := testGrant()
	g.Sensitive, g.LegalBasis = false, BasisConsent
	c, err = CompileGrants([]Grant{g})
	require.NoError(t, err)
	d := c.Authorize(req)
	require.False(t, d.Allowed)
	require.NotNil(t, d.Denial)
	den := *d.Denial
	assert.Equal(t, "g-care", den.Grant)
	assert.Equal(t, d.Reasons, den.Reasons)
	assert.Equal(t, PurposeStatistics, den.Purpose)
	assert.Equal(t, []Purpose{PurposeServiceDelivery, PurposePublicSecurity}, den.Purposes, "the grant's purposes")
	assert.Equal(t, ActionExport, den.Action)
	assert.Equal(t, []Action{ActionRead, ActionDisplay}, den.Actions, "the grant's actions")
	assert.True(t, den.At.Equal(day(2027, 2, 1)))
	assert.True(t, den.Valid.Equal(g.Valid))
	assert.Equal(t, Identified, den.DeIdentification)
	assert.Equal(t, DeIdentified, den.MinDeIdentification)
	assert.Equal(t, "sub-co", den.Processor)
	assert.Equal(t, []FieldDenial{
		{Name: "health_record", Reasons: reasons(ReasonSensitive, ReasonSensitiveBasis)},
		{Name: "religion", Reasons: reasons(ReasonField)},
		{Name: "street_video", Reasons: reasons(ReasonPublicImage)},
	}, den.Fields, "each field at fault once, in request order; name is fine")
	assert.Empty(t, den.Contract, "the contract is not at fault")

	err = d.Err()
	var de *DenialError
	require.ErrorAs(t, err, &de)
	assert.ErrorIs(t, err, ErrDenied)
	for _, want := range []string{`grant "g-care"`, "purpose statistics is not granted (granted: service_delivery, public_security)",
		"action export is not granted (granted: read, display)", `field "religion"`, `field "health_record"`, `processor "sub-co"`,
		"requires at least de_identified"} {
		assert.Contains(t, err.Error(), want, "the message names what is at fault")
	}

	den.Purposes[0] = PurposeStatistics
	again := c.Authorize(req)
	assert.Equal(t, PurposeServiceDelivery, again.Denial.Purposes[0], "a denial does not share the compiled grants' slices")

	invalid := testRequest()
	invalid.Purpose, invalid.Grantee = 0, ""
	d = c.Authorize(invalid)
	require.NotNil(t, d.Denial)
	var paths []string
	for _, f := range d.Denial.Problems {
		paths = append(paths, f.Path)
	}
	assert.ElementsMatch(t, []string{"grantee", "purpose"}, paths, "an invalid request lists its problems")
	assert.ErrorIs(t, invalid.Validate(), grassroots.ErrInvalid)
	assert.NoError(t, testRequest().Validate())
}

func TestGrantValidate(t *testing.T) {
	err := Grant{Valid: grassroots.Period{Start: day(2026, 1, 1)}, Retention: -1, DisposalDelay: -1}.Validate()
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, p := range []string{"id", "grantor", "grantee", "contract", "purposes", "legal_basis", "fields", "actions",
		"de_identification", "valid.end", "retention", "disposition", "disposal_delay"} {
		assert.True(t, ve.Has(p), "problem at %s not reported", p)
	}
}

func TestCheckGrantNeverOutlivesItsContract(t *testing.T) {
	c := testContract(t)
	require.NoError(t, CheckGrant(testGrant(), c))
	g := testGrant()
	g.Valid.End = c.Period.End.Add(time.Nanosecond)
	assert.ErrorIs(t, CheckGrant(g, c), ErrGrantOutlivesContract)
	g = testGrant()
	g.Grantee = "prov-9"
	requireProblem(t, CheckGrant(g, c), "grantee", grassroots.RuleMismatch)
	g = testGrant()
	g.Valid.Start = c.Period.Start.Add(-time.Nanosecond)
	requireProblem(t, CheckGrant(g, c), "valid.start", grassroots.RuleOrder)
}

func TestTerminationRevokesGrantsAndOrdersDisposal(t *testing.T) {
	other := testGrant()
	other.ID, other.Contract = "g-other", "ct-other"
	ended := testGrant()
	ended.ID, ended.Valid.End = "g-ended", day(2026, 3, 1)
	grants := []Grant{testGrant(), other, ended}
	term := Terminated{Meta: grassroots.Meta{AggregateID: "ct-2026-001", CommandID: "c-9", Actor: buyerActor, At: day(2026, 6, 1)}, Reason: "breach"}

	out, disposals := Revoke(grants, term)
	assert.True(t, grants[0].Revoked.IsZero(), "the input is not changed")
	assert.True(t, out[0].Revoked.Equal(day(2026, 6, 1)))
	assert.True(t, out[1].Revoked.IsZero(), "another contract's grant stays")
	assert.True(t, out[2].Revoked.IsZero(), "an already ended grant is not revoked")
	require.Len(t, disposals, 1)
	assert.Equal(t, Disposal{Grant: "g-care", Grantee: "prov-1", Contract: "ct-2026-001", Disposition: DispositionDelete, Due: day(2026, 6, 16)}, disposals[0])

	req := testRequest()
	req.At = day(2026, 6, 1)
	d := Authorize(out, req)
	assert.False(t, d.Allowed)
	assert.Equal(t, []Reason{ReasonRevoked}, d.Reasons.List())
	assert.True(t, ended.Disposal().Due.Equal(day(2026, 3, 16)), "natural end plus delay")
}

func TestReasonsText(t *testing.T) {
	s := reasons(ReasonPurpose, ReasonExpired)
	assert.Equal(t, "expired,purpose", s.String())
	assert.Equal(t, 2, s.Len())
	b, err := s.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `["expired","purpose"]`, string(b))
	var back Reasons
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, s, back)
	assert.Error(t, back.UnmarshalJSON([]byte(`["nope"]`)))
	assert.Equal(t, s, back, "unchanged on error")
	assert.Equal(t, s, s.With(0), "an undefined reason is not added")
}

// benchGrants returns n grants of one provider, each for a distinct purpose
// mix and field set, the allowing grant last so the allow path scans all.
func benchGrants(n int) []Grant {
	var gs []Grant
	for i := range n {
		g := testGrant()
		g.ID = fmt.Sprintf("g-%02d", i)
		if i < n-1 {
			g.Purposes = []Purpose{PurposeStatistics}
			g.Fields = append(g.Fields, Field{Name: fmt.Sprintf("extra_%d", i), Category: CategoryContact})
		}
		gs = append(gs, g)
	}
	return gs
}

func BenchmarkAuthorize(b *testing.B) {
	const n = 10
	c, err := CompileGrants(benchGrants(n))
	require.NoError(b, err)
	allow := testRequest()
	deny := testRequest()
	deny.Action, deny.Fields = ActionShare, []string{"name", "health_record", "unknown"}
	require.True(b, c.Authorize(allow).Allowed)
	require.False(b, c.Authorize(deny).Allowed)
	b.Run(fmt.Sprintf("grants=%d/allow", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !c.Authorize(allow).Allowed {
				b.Fatal("denied")
			}
		}
	})
	b.Run(fmt.Sprintf("grants=%d/deny", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if c.Authorize(deny).Allowed {
				b.Fatal("allowed")
			}
		}
	})
}

func TestAuthorizeAllowPathDoesNotAllocate(t *testing.T) {
	c, err := CompileGrants(benchGrants(10))
	require.NoError(t, err)
	req := testRequest()
	allocs := testing.AllocsPerRun(100, func() { _ = c.Authorize(req) })
	assert.Zero(t, allocs)
}
