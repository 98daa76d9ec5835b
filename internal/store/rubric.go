package store

// Criteria are the rubric's criteria, in display order.
var Criteria = []string{"example", "structure", "confidence", "customer", "concise", "overall"}

// Ratings are the self-ratings of one attempt, each 1 to 5.
type Ratings struct {
	Example    int `gorm:"column:r_example"`
	Structure  int `gorm:"column:r_structure"`
	Confidence int `gorm:"column:r_confidence"`
	Customer   int `gorm:"column:r_customer"`
	Concise    int `gorm:"column:r_concise"`
	Overall    int `gorm:"column:r_overall"`
}

// field points at the rating of a criterion by name, or nil.
func (r *Ratings) field(criterion string) *int {
	switch criterion {
	case "example":
		return &r.Example
	case "structure":
		return &r.Structure
	case "confidence":
		return &r.Confidence
	case "customer":
		return &r.Customer
	case "concise":
		return &r.Concise
	case "overall":
		return &r.Overall
	}
	return nil
}

// Get returns the rating of a criterion by name (0 for an unknown one).
func (r Ratings) Get(criterion string) int {
	if p := r.field(criterion); p != nil {
		return *p
	}
	return 0
}

// Set sets the rating of a criterion by name; an unknown one is ignored.
func (r *Ratings) Set(criterion string, v int) {
	if p := r.field(criterion); p != nil {
		*p = v
	}
}
