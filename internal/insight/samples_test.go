package insight

// Sample answers shared by tests, benchmarks and the fuzz seed corpus.
const (
	strongEN = "When I was at my previous company, selling a CRM to mid-market retailers, my goal was to grow " +
		"new-business pipeline by 30% in two quarters. The customer's CFO was stuck on cost, so I built an ROI model " +
		"with their finance team and ran discovery calls with every stakeholder, including the decision-maker. " +
		"As a result, we closed $1.2M in 3 months and I finished the year at 120% of quota."

	strongJA = "前職で中堅企業向けにSaaSの新規開拓を担当していた時、四半期の目標は3000万円の受注でした。" +
		"お客様の多くは予算が限られていたため、私はチームと協力して決裁者へのヒアリングを行い、" +
		"導入効果を数字で示すROIの試算を作成して提案しました。その結果、3ヶ月で12社から受注し、" +
		"前年比150%の売上を達成しました。"

	weakEN = "Um, I think maybe I'm, like, a really good fit, you know? I basically like selling and I am " +
		"hard working. I love my job and I want to grow myself. Actually, I am a people person."

	weakJA = "えーと、あの、私は、まあ、頑張る性格です。たぶん営業に向いているかもしれないです。" +
		"私は自分のことを、なんか、リーダー的な感じだと思っています。"
)
