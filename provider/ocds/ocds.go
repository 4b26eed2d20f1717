package ocds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Version is the OCDS version this package writes.
const Version = "1.1"

// Scheme names used for classifications and identifiers.
const (
	// DefaultScheme is the identifier scheme written for credit codes when
	// Options.Scheme is empty. The org-id.guide register lists, for China,
	// CN-SAIC (the national enterprise register of the State
	// Administration for Industry and Commerce, now part of SAMR) and
	// provincial CN-<province>-CR registers; no list named after the
	// Unified Social Credit Code was found (data/prefix_list.json of
	// github.com/OpenDataServices/org-ids, the register behind
	// org-id.guide). Since 2015 the code that register assigns is the
	// credit code, so CN-SAIC is used; set Options.Scheme to follow a
	// newer register entry.
	DefaultScheme = "CN-SAIC"
	// FunctionScheme classifies items by governance function (this SDK's
	// function names).
	FunctionScheme = "x_grassroots_function"
	// AreaScheme classifies items by area (grid or division code).
	AreaScheme = "x_grassroots_area"
)

// Package is an OCDS release package.
type Package struct {
	URI           string    `json:"uri"`
	Version       string    `json:"version"`
	PublishedDate time.Time `json:"publishedDate"`
	Publisher     Publisher `json:"publisher"`
	Releases      []Release `json:"releases"`
	Extensions    []string  `json:"extensions,omitempty"`
	License       string    `json:"license,omitempty"`
	Packages      []string  `json:"packages,omitempty"`
}

// Publisher names who publishes the package.
type Publisher struct {
	Name   string `json:"name"`
	Scheme string `json:"scheme,omitempty"`
	UID    string `json:"uid,omitempty"`
	URI    string `json:"uri,omitempty"`
}

// Release is one OCDS release.
type Release struct {
	OCID           string                 `json:"ocid"`
	ID             string                 `json:"id"`
	Date           time.Time              `json:"date"`
	Tag            []string               `json:"tag"`
	InitiationType string                 `json:"initiationType"`
	Parties        []Party                `json:"parties,omitempty"`
	Buyer          *OrganizationReference `json:"buyer,omitempty"`
	Awards         []Award                `json:"awards,omitempty"`
	Contracts      []Contract             `json:"contracts,omitempty"`
}

// Party is an organisation in a release, with its roles.
type Party struct {
	ID         string      `json:"id"`
	Name       string      `json:"name,omitempty"`
	Identifier *Identifier `json:"identifier,omitempty"`
	Roles      []string    `json:"roles,omitempty"`
}

// Identifier is an organisation identifier from a registration scheme.
type Identifier struct {
	Scheme    string `json:"scheme,omitempty"`
	ID        string `json:"id,omitempty"`
	LegalName string `json:"legalName,omitempty"`
}

// OrganizationReference points at a party by id.
type OrganizationReference struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Award is the decision that gives a contract to its suppliers.
type Award struct {
	ID        string                  `json:"id"`
	Status    string                  `json:"status,omitempty"`
	Suppliers []OrganizationReference `json:"suppliers,omitempty"`
	Value     *Value                  `json:"value,omitempty"`
}

// Contract is an OCDS contract.
type Contract struct {
	ID             string          `json:"id"`
	AwardID        string          `json:"awardID"`
	Period         *Period         `json:"period,omitempty"`
	Value          *Value          `json:"value,omitempty"`
	Items          []Item          `json:"items,omitempty"`
	Implementation *Implementation `json:"implementation,omitempty"`
}

// Period is an OCDS period.
type Period struct {
	StartDate *time.Time `json:"startDate,omitempty"`
	EndDate   *time.Time `json:"endDate,omitempty"`
}

// Value is an amount with its ISO 4217 currency.
type Value struct {
	Amount   Amount `json:"amount"`
	Currency string `json:"currency"`
}

// Amount is a decimal written as a JSON number with all its digits (OCDS
// amounts are numbers; a float would lose digits). Decoding into a nil
// *Amount is an error matching ErrInvalid.
type Amount struct{ decimal.Decimal }

// MarshalJSON writes the amount as a bare JSON number. An amount whose
// exponent lies beyond ±10,000, which no JSON decoder reads back and
// whose digits could not be written, is a *grassroots.ValidationError
// (see Export).
func (a Amount) MarshalJSON() ([]byte, error) {
	if !exact.Tame(a.Decimal) {
		var p validate.Problems
		p.Tame("", a.Decimal)
		return nil, p.Err()
	}
	return []byte(a.Decimal.String()), nil
}

// UnmarshalJSON reads a JSON number (or a numeric string) exactly.
func (a *Amount) UnmarshalJSON(b []byte) error {
	if a == nil {
		return fmt.Errorf("%w: cannot decode into a nil *ocds.Amount", ErrInvalid)
	}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		b = []byte(s)
	}
	d, err := decimal.NewFromString(string(b))
	if err != nil {
		return fmt.Errorf("%w: amount %s is not a decimal number: %w", ErrInvalid, b, err)
	}
	a.Decimal = d
	return nil
}

// Item is a line of a contract: here, one function in one area.
type Item struct {
	ID                        string           `json:"id"`
	Description               string           `json:"description,omitempty"`
	Classification            *Classification  `json:"classification,omitempty"`
	AdditionalClassifications []Classification `json:"additionalClassifications,omitempty"`
}

// Classification is a code from a scheme.
type Classification struct {
	Scheme      string `json:"scheme"`
	ID          string `json:"id"`
	Description string `json:"description,omitempty"`
}

// Implementation holds what happened while the contract ran.
type Implementation struct {
	Milestones   []Milestone   `json:"milestones,omitempty"`
	Transactions []Transaction `json:"transactions,omitempty"`
}

// Milestone is an OCDS milestone.
type Milestone struct {
	ID      string     `json:"id"`
	Title   string     `json:"title,omitempty"`
	Type    string     `json:"type,omitempty"`
	Status  string     `json:"status,omitempty"`
	DueDate *time.Time `json:"dueDate,omitempty"`
	DateMet *time.Time `json:"dateMet,omitempty"`
	Value   *Value     `json:"value,omitempty"`
}

// Transaction is a payment in the implementation of a contract.
type Transaction struct {
	ID                             string                 `json:"id"`
	Date                           *time.Time             `json:"date,omitempty"`
	Value                          *Value                 `json:"value,omitempty"`
	Payer                          *OrganizationReference `json:"payer,omitempty"`
	Payee                          *OrganizationReference `json:"payee,omitempty"`
	RelatedImplementationMilestone *MilestoneReference    `json:"relatedImplementationMilestone,omitempty"`
}

// MilestoneReference points at a milestone by id.
type MilestoneReference struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}
