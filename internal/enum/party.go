package enum

import "github.com/grassrootsgov/grassroots"

// parties is the table of grassroots.Party, built from the root package's
// list of parties: the root cannot use this package, but the packages that
// validate party fields describe an invalid one the same way as any other
// enumeration value.
var parties = New[grassroots.Party]("grassroots.Party", partyNames()...)

func partyNames() []string {
	var names []string
	for _, p := range grassroots.Parties() {
		names = append(names, p.String())
	}
	return names
}

// PartyProblem returns the message for a party field that holds p, which
// is not a valid party, as Table.Problem does for other enumerations.
func PartyProblem(p grassroots.Party) string { return parties.Problem(p) }
