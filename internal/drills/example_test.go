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
	r := drills.Check(d, "２，１２５万円")
	fmt.Println(r.Correct, drills.Message(r.Note.Code, r.Note.Params, "en"))
	// Output:
	// 年間目標は1億200万円です。入社直後の数か月は、月間目標の25%・50%・75%が目標となり、その後は100%です。最初の4か月の目標の合計はいくらですか。
	// 月間目標 = 1億200万円 ÷ 12 = 850万円
	// 各月の割合を足す：25% + 50% + 75% + 100% = 250%
	// 目標 = 850万円 × 250% = 2,125万円
	// 答え：2,125万円
	// true Correct: 2,125万円
}
