package mechanism

import (
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
)

// RawCounts returns the catalogue's raw counts, which stay meaningful
// when no denominator is known: departments connected, data categories
// catalogued and systems connected (systems other than the hub with at
// least one exchange link). The Deqing W village case reports 58, 282 and
// 15.
func (c *Catalogue) RawCounts() []Metric {
	c = c.zeroIfNil()
	return c.rawCounts(c.graph())
}

func (c *Catalogue) rawCounts(g exchangeGraph) []Metric {
	return []Metric{
		count(DepartmentsConnected, c.DepartmentsConnected),
		count(CategoriesCatalogued, c.Categories.Total()),
		count(SystemsConnected, g.connected),
	}
}

// DepartmentIntegration returns departments connected / departments in
// scope.
func (c *Catalogue) DepartmentIntegration() Metric {
	c = c.zeroIfNil()
	return ratio(DepartmentIntegration, "", c.DepartmentsConnected, c.DepartmentsInScope)
}

// CategoryCoverage returns data categories catalogued / categories in
// scope.
func (c *Catalogue) CategoryCoverage() Metric {
	c = c.zeroIfNil()
	return ratio(CategoryCoverage, "", c.Categories.Total(), c.CategoriesInScope)
}

// SystemInterconnection returns systems connected (other than the hub,
// with at least one exchange link) / systems in scope.
func (c *Catalogue) SystemInterconnection() Metric {
	c = c.zeroIfNil()
	return c.systemInterconnection(c.graph())
}

func (c *Catalogue) systemInterconnection(g exchangeGraph) Metric {
	return ratio(SystemInterconnection, "", g.connected, c.SystemsInScope)
}

// SharingOpenness returns (unconditional + w × conditional) / catalogued
// categories, where w is the weight of a conditionally shared category
// (½ by default in Config). Categories not shared count only in the
// denominator. A w with an exponent beyond ±10,000 (a value built in Go)
// gives a metric that is not OK, with Value, Numerator and Denominator 0.
func (c *Catalogue) SharingOpenness(w decimal.Decimal) Metric {
	c = c.zeroIfNil()
	if !exact.Tame(w) {
		return unusable(SharingOpenness, "")
	}
	k := c.Categories
	num := decimal.NewFromInt(k.Unconditional).Add(w.Mul(decimal.NewFromInt(k.Conditional)))
	return newMetric(SharingOpenness, "", num, decimal.NewFromInt(k.Total()))
}

// RealTimeShare returns real-time links / all links.
func (c *Catalogue) RealTimeShare() Metric {
	c = c.zeroIfNil()
	n := int64(0)
	for _, l := range c.Links {
		if l.Latency == RealTime {
			n++
		}
	}
	return ratio(RealTimeShare, "", n, int64(len(c.Links)))
}

// Interoperability returns the mean interoperability level of the links
// divided by 6, the top level of the LCIM scale: Σ levels / (6 × links).
func (c *Catalogue) Interoperability() Metric {
	c = c.zeroIfNil()
	sum := int64(0)
	for _, l := range c.Links {
		sum += l.Level
	}
	return ratio(Interoperability, "", sum, 6*int64(len(c.Links)))
}

// OpenDataStars returns the mean open-data star rating of the datasets
// divided by 5: Σ stars / (5 × datasets).
func (c *Catalogue) OpenDataStars() Metric {
	c = c.zeroIfNil()
	sum := int64(0)
	for _, d := range c.Datasets {
		sum += d.Stars
	}
	return ratio(OpenDataStars, "", sum, 5*int64(len(c.Datasets)))
}

// DataSilo returns 1 − the directed density of the exchange graph whose
// nodes are the systems and the hub: (n(n−1) − pairs) / n(n−1), where
// pairs counts the distinct ordered pairs joined by at least one link. 1
// means every system is an island, 0 that every system sends to every
// other. It is not OK with fewer than two nodes.
func (c *Catalogue) DataSilo() Metric {
	c = c.zeroIfNil()
	return dataSilo(c.graph())
}

func dataSilo(g exchangeGraph) Metric {
	return complement(DataSilo, g.pairs, g.nodes*(g.nodes-1))
}

// HubSilo returns the hub variant of the data-silo index: 1 − systems
// linked with the hub (in either direction) / systems, written as
// (systems − linked) / systems. It is not OK without a hub or systems.
func (c *Catalogue) HubSilo() Metric {
	c = c.zeroIfNil()
	return c.hubSilo(c.graph())
}

func (c *Catalogue) hubSilo(g exchangeGraph) Metric {
	if c.Hub == "" {
		return complement(HubSilo, 0, 0)
	}
	return complement(HubSilo, g.hubLinked, int64(len(c.Systems)))
}

// exchangeGraph is what the graph metrics need from the links, gathered
// in one pass.
type exchangeGraph struct {
	nodes     int64 // distinct systems, plus the hub when set
	pairs     int64 // distinct ordered pairs of different nodes with a link
	connected int64 // listed systems with a link to or from another node
	hubLinked int64 // listed systems with a link to or from the hub
}

// graph numbers the nodes (systems first, then the hub) and walks the
// links once. Links that name an unknown node or loop on one node are
// ignored (Validate rejects them).
func (c *Catalogue) graph() exchangeGraph {
	id := make(map[string]int32, len(c.Systems)+1)
	for _, s := range c.Systems {
		if _, dup := id[s]; !dup {
			id[s] = int32(len(id))
		}
	}
	systems := len(id)
	hub := int32(-1)
	if c.Hub != "" {
		if h, ok := id[c.Hub]; ok {
			hub = h
		} else {
			hub = int32(len(id))
			id[c.Hub] = hub
		}
	}
	linked := make([]bool, len(id))
	toHub := make([]bool, len(id))
	pairs := make(map[uint64]struct{}, len(c.Links))
	for _, l := range c.Links {
		from, okF := id[l.From]
		to, okT := id[l.To]
		if !okF || !okT || from == to {
			continue
		}
		pairs[uint64(from)<<32|uint64(to)] = struct{}{}
		linked[from], linked[to] = true, true
		if from == hub {
			toHub[to] = true
		}
		if to == hub {
			toHub[from] = true
		}
	}
	g := exchangeGraph{nodes: int64(len(id)), pairs: int64(len(pairs))}
	for i := range systems {
		if int32(i) == hub {
			continue
		}
		if linked[i] {
			g.connected++
		}
		if toHub[i] {
			g.hubLinked++
		}
	}
	return g
}

// ProviderShares returns the provider-contributed share of each resource
// kind (subjects "technology", "people", "money", in that order): provider
// amount / total. A kind with a zero total is not OK, and so is one whose
// amount or total has an exponent beyond ±10,000 (a value built in Go),
// with Value, Numerator and Denominator 0.
func (r Resources) ProviderShares() []Metric {
	return []Metric{
		newMetric(ProviderResourceShare, "technology", r.Technology.Provider, r.Technology.Total),
		newMetric(ProviderResourceShare, "people", r.People.Provider, r.People.Total),
		newMetric(ProviderResourceShare, "money", r.Money.Provider, r.Money.Total),
	}
}

// IntegratedResources returns the integrated-resource index: the mean of
// the provider shares of technology, people and money over the kinds that
// are measured (Numerator the sum of their shares at Scale, Denominator
// their number). It is not OK, with Value, Numerator and Denominator 0,
// when any amount or total has an exponent beyond ±10,000 (a value built
// in Go): leaving that kind out would misstate the index.
func (r Resources) IntegratedResources() Metric {
	if !exact.Tame(r.Technology.Provider, r.Technology.Total, r.People.Provider, r.People.Total, r.Money.Provider, r.Money.Total) {
		return unusable(IntegratedResources, "")
	}
	return meanOf(IntegratedResources, r.ProviderShares())
}

// zeroIfNil returns c, or a zero Catalogue for a nil c, so that a nil
// *Catalogue answers as the zero value does.
func (c *Catalogue) zeroIfNil() *Catalogue {
	if c == nil {
		return new(Catalogue)
	}
	return c
}
