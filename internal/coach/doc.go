// Package coach holds the rules of a coach's view of a cohort: the cohort
// matrix (one row per candidate, one cell per question, averages, sort
// orders and pages) and calibration (how a candidate's self-ratings
// compare with a coach's, and the one line that sums it up). It imports
// neither Echo nor GORM: the store returns plain rows, the web handlers
// call these functions and render what they return.
package coach
