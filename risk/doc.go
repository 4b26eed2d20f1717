// Package risk makes the paper's five-stage risk chain (identification,
// assessment, alert, management, remediation) a checked, replayable
// process instead of a spreadsheet.
//
// # The problem
//
// Grassroots governance that relies on providers runs risks of data
// security, privacy, algorithmic discrimination, role conflict and service
// failure. Each vendor tracks them differently: levels read from different
// matrices, "residual 30 %" meaning what remains in one tool and what was
// removed in another, acceptances that never expire, overdue reviews that
// nag on every check or never. This package gives every vendor the same
// lifecycle, the same matrices as data, and the same answers.
//
// # Main types
//
//   - Risk is the state of one risk; Decide checks a Command against it and
//     returns the Events it causes, Evolve applies one, Replay folds a
//     history and checks it. The chain is StageIdentified → StageAssessed →
//     StageAlerted → StageUnderManagement → StageRemediated → StageClosed;
//     Transitions lists the table. ToEnvelopes, FromEnvelope and
//     ReplayEnvelopes convert to and from hash-chained grassroots.Event
//     envelopes of type "grassroots.risk.<name>.v1".
//   - Matrix (lookup grid or product with bands), Scale (semi-quantitative
//     bins) and Assessment; presets NIST80030, NIST80030Scale and
//     Product5x5; AssessIndicators scores indicator values through the
//     evaluation package. Residual never exceeds current, and the control
//     effect is named RemovedByControlsPercent: the share taken away.
//   - AlertLevel I (red, highest) to IV (blue), AlertMapping from Level
//     with DefaultAlertMapping, and EventGrade, a separate scale.
//   - Rule, Observation, Detect and Hit: identification rules with
//     threshold, change and count conditions, idempotent against active
//     hits; templates for the paper's risks (OverdueShareRule,
//     SatisfactionBelowRule, DeniedAccessRule, DisparateImpactRule,
//     ContractConcentrationRule).
//   - PlanTemplate (steps with workday limits, counted through a
//     workday.Calendar), Due (escalations once each) and Focus (the
//     subjects to watch first).
//   - Fairness and FairnessReport: selection rates, demographic parity,
//     equal opportunity, equalized odds and the four-fifths rule.
//
// Categories are lower_snake codes (Category) with the paper's seven
// predefined, so vendors add their own without a release; subjects are
// named by SubjectKind and code, so this package imports none of grid,
// incident or provider.
//
// # Example
//
//	events, err := risk.Decide(state, risk.IssueAlert{Header: h, Level: risk.AlertII})
//	if err != nil { … } // nothing happened
//	state = risk.Evolve(state, events[0])
//
// # Guarantees
//
//   - Determinism: no clock and no randomness are read; callers pass times
//     and, for envelope IDs, a random source. Outputs never depend on map
//     order: hits, focus entries and fairness groups are sorted.
//   - Exactness: levels, scores and rates are compared exactly (decimal or
//     fractions). Matrix.Normalized rounds to 2 places and Fairness to
//     FairnessOptions.Scale places (6 by default), both half away from
//     zero; AssessIndicators rounds as evaluation.WeightedSum documents
//     for the options given; nothing else rounds.
//   - A rejected command emits no event; a failed decode returns no value;
//     no exported function panics.
//   - Concurrency: all functions are pure and values are safe to share once
//     built; nothing starts a goroutine.
package risk
