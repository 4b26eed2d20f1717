package mechanism

import "github.com/shopspring/decimal"

// RawCounts returns the catalogue's raw counts, which stay meaningful
// when no denominator is known: departments connected, data categories
// catalogued and systems connected (systems other than the hub with at
// least one exchange link). The Deqing W village case reports 58, 282 and
// 15.
func (c *Catalogue) RawCounts() []Metric {
	return []Metric{
		count(DepartmentsConnected, c.DepartmentsConnected),
		count(CategoriesCatalogued, c.Categories.Total()),
		count(SystemsConnected, c.connectedSystems()),
	}
}

// DepartmentIntegration returns departments connected / departments in
// scope.
func (c *Catalogue) DepartmentIntegration() Metric {
	return ratio(DepartmentIntegration, "", c.DepartmentsConnected, c.DepartmentsInScope)
}

// CategoryCoverage returns data categories catalogued / categories in
// scope.
func (c *Catalogue) CategoryCoverage() Metric {
	return ratio(CategoryCoverage, "", c.Categories.Total(), c.CategoriesInScope)
}

// SystemInterconnection returns systems connected (other than the hub,
// with at least one exchange link) / systems in scope.
func (c *Catalogue) SystemInterconnection() Metric {
	return ratio(SystemInterconnection, "", c.connectedSystems(), c.SystemsInScope)
}

// SharingOpenness returns (unconditional + w × conditional) / catalogued
// categories, where w is the weight of a conditionally shared category
// (½ by default in Config). Categories not shared count only in the
// denominator.
func (c *Catalogue) SharingOpenness(w decimal.Decimal) Metric {
	k := c.Categories
	num := decimal.NewFromInt(k.Unconditional).Add(w.Mul(decimal.NewFromInt(k.Conditional)))
	return newMetric(SharingOpenness, "", num, decimal.NewFromInt(k.Total()))
}

// RealTimeShare returns real-time links / all links.
func (c *Catalogue) RealTimeShare() Metric {
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
	sum := int64(0)
	for _, l := range c.Links {
		sum += l.Level
	}
	return ratio(Interoperability, "", sum, 6*int64(len(c.Links)))
}

// OpenDataStars returns the mean open-data star rating of the datasets
// divided by 5: Σ stars / (5 × datasets).
func (c *Catalogue) OpenDataStars() Metric {
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
	nodes := c.nodes()
	n := int64(len(nodes))
	type pair struct{ from, to string }
	pairs := make(map[pair]bool, len(c.Links))
	for _, l := range c.Links {
		if l.From != l.To && nodes[l.From] && nodes[l.To] {
			pairs[pair{l.From, l.To}] = true
		}
	}
	return complement(DataSilo, int64(len(pairs)), n*(n-1))
}

// HubSilo returns the hub variant of the data-silo index: 1 − systems
// linked with the hub (in either direction) / systems, written as
// (systems − linked) / systems. It is not OK without a hub or systems.
func (c *Catalogue) HubSilo() Metric {
	if c.Hub == "" {
		return complement(HubSilo, 0, 0)
	}
	linked := make(map[string]bool, len(c.Systems))
	for _, l := range c.Links {
		switch c.Hub {
		case l.To:
			linked[l.From] = true
		case l.From:
			linked[l.To] = true
		}
	}
	n := int64(0)
	for _, s := range c.Systems {
		if linked[s] {
			n++
		}
	}
	return complement(HubSilo, n, int64(len(c.Systems)))
}

func (c *Catalogue) nodes() map[string]bool {
	nodes := make(map[string]bool, len(c.Systems)+1)
	for _, s := range c.Systems {
		nodes[s] = true
	}
	if c.Hub != "" {
		nodes[c.Hub] = true
	}
	return nodes
}

// connectedSystems counts the listed systems with at least one link to or
// from another node.
func (c *Catalogue) connectedSystems() int64 {
	nodes := c.nodes()
	linked := make(map[string]bool, len(c.Systems))
	for _, l := range c.Links {
		if l.From != l.To && nodes[l.From] && nodes[l.To] {
			linked[l.From], linked[l.To] = true, true
		}
	}
	n := int64(0)
	for _, s := range c.Systems {
		if linked[s] {
			n++
		}
	}
	return n
}

// ProviderShares returns the provider-contributed share of each resource
// kind (subjects "technology", "people", "money", in that order): provider
// amount / total. A kind with a zero total is not OK.
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
// their number).
func (r Resources) IntegratedResources() Metric {
	return meanOf(IntegratedResources, r.ProviderShares())
}
