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

// Get returns the rating of a criterion by name.
func (r Ratings) Get(criterion string) int {
	switch criterion {
	case "example":
		return r.Example
	case "structure":
		return r.Structure
	case "confidence":
		return r.Confidence
	case "customer":
		return r.Customer
	case "concise":
		return r.Concise
	case "overall":
		return r.Overall
	}
	return 0
}

// Set sets the rating of a criterion by name.
func (r *Ratings) Set(criterion string, v int) {
	switch criterion {
	case "example":
		r.Example = v
	case "structure":
		r.Structure = v
	case "confidence":
		r.Confidence = v
	case "customer":
		r.Customer = v
	case "concise":
		r.Concise = v
	case "overall":
		r.Overall = v
	}
}
