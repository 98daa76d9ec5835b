package drills_test

import (
	"fmt"

	"github.com/aeprep/aeprep/internal/drills"
)

func ExampleSolution() {
	d := drills.Generate(drills.KindRamp, 7, "ja")
	for _, p := range drills.Prompt(d, "ja") {
		fmt.Println(drills.Message(p.Code, p.Params, "ja"))
	}
	for _, s := range drills.Solution(d, "ja") {
		fmt.Println(drills.Message(s.Code, s.Params, "ja"))
	}
	r := drills.Check(d, "３，５００万円")
	fmt.Println(r.Correct, drills.Message(r.Note.Code, r.Note.Params, "en"))
	// Output:
	// 年間目標は1億2,000万円です。入社直後の数か月は、月間目標の25%・50%・75%が目標となり、その後は100%です。最初の5か月の目標の合計はいくらですか。
	// 月間目標 = 1億2,000万円 ÷ 12 = 1,000万円
	// 各月の割合を足す: 25% + 50% + 75% + 100% + 100% = 350%
	// 目標 = 1,000万円 × 350% = 3,500万円
	// 答え: 3,500万円
	// true Correct: 3,500万円
}
