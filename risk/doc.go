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
//   - Risk is the state of one risk. Decider answers to the SDK's one
//     lifecycle contract (grassroots.Decider): Decide checks a Command
//     against a Risk and returns the Events it causes, Evolve applies one,
//     Replay folds a history and refuses any Decide could not have
//     produced. Commands and events embed grassroots.Meta, whose
//     aggregate_id is the risk's ID; a command ID is applied once.
//   - The chain is StageIdentified → StageAssessed → StageAlerted →
//     StageUnderManagement → StageRemediated → StageClosed. Transitions
//     returns the table, the one place a transition is written; its DOT
//     method draws it. Close ends a remediated risk; Dismiss closes a false
//     positive from any open stage.
//   - Codec seals events into hash-chained grassroots.Event envelopes of
//     type "grassroots.risk.<name>.v1" and reads them back;
//     grassroots.ReplayEnvelopes(Decider{}, Codec, envs) rebuilds a risk
//     and always verifies the chain first.
//   - Matrix (lookup grid or product with bands), Scale (semi-quantitative
//     bins) and Assessment; presets NIST80030 (NIST SP 800-30 Rev. 1,
//     Table I-2, level of risk), NIST80030Likelihood (Table G-5, overall
//     likelihood), NIST80030Scale (Table I-3) and Product5x5;
//     AssessIndicators scores indicator values through the evaluation
//     package. Residual never exceeds current, and the control effect is
//     named RemovedByControlsPercent: the share taken away.
//   - AlertLevel I (red, highest) to IV (blue), the four warning levels of
//     the Emergency Response Law of the PRC as revised in 2024; AlertMapping
//     from Level with DefaultAlertMapping; EventGrade, a separate scale.
//   - Rule, Observation, Detect and Hit: identification rules with
//     threshold, change and count conditions, idempotent against active
//     hits; templates for the paper's risks (OverdueShareRule,
//     SatisfactionBelowRule, DeniedAccessRule, DisparateImpactRule,
//     ContractConcentrationRule).
//   - PlanTemplate (steps with workday limits, counted through a
//     workday.Calendar), Due (the escalations due, each matter once, every
//     one accepted by Decide) and Focus (the subjects to watch first).
//   - Fairness and FairnessReport: selection rates, demographic parity,
//     equal opportunity, equalized odds and the four-fifths rule against a
//     named group or the group with the highest rate (29 CFR 1607.4(D)),
//     on counted or weighted samples.
//
// Categories are lower_snake codes (Category) with the paper's seven
// predefined, so vendors add their own without a release; subjects are
// named by SubjectKind and code, so this package imports none of grid,
// incident or provider.
//
// # Example
//
//	var d risk.Decider
//	events, err := d.Decide(state, risk.IssueAlert{Meta: meta, Level: risk.AlertII})
//	if err != nil { … } // nothing happened
//	state, err = d.Evolve(state, events[0])
//	envelopes, err := risk.Codec.Seal(last, "/districts/330302/risk", events)
//
// # Guarantees
//
//   - One lifecycle: every transition is a row of the table; Evolve
//     re-checks the guards Decide checks (the direction of an alert change,
//     the step, the acceptance in effect, the approver not being the owner,
//     the escalation being due and not sent), so a replayed history is one
//     Decide could have produced. A repeated command returns no events; a
//     different command under a used ID is a *grassroots.CommandConflictError.
//   - Escalations: a step escalation names its step, a review or
//     acceptance escalation has no key; each is accepted only when due
//     (a step or review strictly after its deadline, an acceptance from its
//     expiry on) and only once.
//   - Determinism: no clock and no randomness are read; callers pass
//     times, and envelope IDs derive from the command. Outputs never depend
//     on map or input order: hits (same-instant observations included),
//     focus entries and fairness groups are sorted.
//   - Exactness: levels, scores and rates are compared exactly (decimal or
//     fractions). Matrix.Normalized rounds to 2 places and Fairness to
//     FairnessOptions.Scale places (6 by default), both half away from
//     zero; AssessIndicators rounds as evaluation.WeightedSum documents
//     for the options given; nothing else rounds.
//   - A refused command emits no event; a refused event leaves the state
//     as it was; a failed decode returns no value; no exported function
//     panics.
//   - Concurrency: all functions are pure and values are safe to share once
//     built; nothing starts a goroutine.
package risk
