package grid_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/grid"
)

func ExampleAssignWorkers() {
	grids := []grid.Grid{
		{Code: "330302001001001", Households: 480},
		{Code: "330302001001002", Households: 350},
		{Code: "330302001001003", Households: 300},
		{Code: "330302001001004", Households: 120},
	}
	workers := []grid.Worker{
		{ID: "li", Kind: grid.WorkerFullTime, Capacity: 800},
		{ID: "wang", Kind: grid.WorkerFullTime, Capacity: 800, Home: "330302001001004"},
		{ID: "zhao", Kind: grid.WorkerProviderStaff, Capacity: 500},
	}
	opts := grid.AssignOptions{
		IncidentWeight: decimal.RequireFromString("0.5"),
		Incidents:      map[grid.Code]decimal.Decimal{"330302001001001": decimal.NewFromInt(140)},
	}
	a, err := grid.AssignWorkers(grids, workers, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range a.Workers {
		fmt.Println(w.Worker, w.Load, w.Grids)
	}
	fmt.Println("max", a.MaxLoad, "mean", a.MeanLoad, "max/mean", a.Ratio)
	// Output:
	// li 550 [330302001001001]
	// wang 470 [330302001001002 330302001001004]
	// zhao 300 [330302001001003]
	// max 550 mean 440 max/mean 1.25
}
