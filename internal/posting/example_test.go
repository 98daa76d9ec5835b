package posting_test

import (
	"fmt"

	"github.com/aeprep/aeprep/internal/posting"
)

func ExampleAnalyse() {
	a := posting.Analyse(`【仕事内容】
中小企業向けに勤怠管理SaaSを提案します。新規開拓が中心です。

【必須条件】
・法人営業経験2年以上
・目標達成に向けて粘り強く行動できる方

【歓迎条件】
・Salesforceの利用経験`, "ja")
	for _, r := range a.Requirements {
		fmt.Println(posting.Message("posting.level."+r.Level, nil, "ja")+":", r.Text)
	}
	fmt.Println(posting.Message("posting.motion."+a.Motion, nil, "en"), a.Segments, a.Tools)
	for _, r := range a.Practice[:2] {
		fmt.Println(r.ID, posting.Message(r.Reasons[0].Code, r.Reasons[0].Params, "en"))
	}
	// Output:
	// 必須: 法人営業経験2年以上
	// 必須: 目標達成に向けて粘り強く行動できる方
	// 歓迎: Salesforceの利用経験
	// New business [smb] [Salesforce]
	// closing The posting stresses it (目標達成).
	// prospecting The posting stresses it (新規開拓).
}
