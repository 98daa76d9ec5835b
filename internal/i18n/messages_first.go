package i18n

// firstMessages are the strings of the first answer: practising as a
// visitor, importing those answers after sign-up, ratings given after the
// insights, the error summary and the comparison of two answers.
var firstMessages = map[string]msg{
	"home.cta.practise": {"今すぐ練習する", "Practise now"},
	"home.first":        {"最初の質問は「%s」（目安%s）。アカウントなしで答えて、すぐに分析を読めます。", "Your first question: “%s” (about %s). Answer it without an account and read the insights at once."},

	"errsum.title":          {"次の点を直してください", "There is a problem"},
	"practice.err.empty":    {"回答を入力するか、録音を添えてください。", "Type your answer or attach a recording."},
	"practice.answer.orrec": {"録音だけでも回答になります。", "A recording alone is an answer too."},
	"timer.auto":            {"入力か録音を始めると計測します", "Starts when you type or record"},

	"guest.title":       {"分析結果：%s", "Insights: %s"},
	"guest.note":        {"アカウントなしで練習しています。回答はサーバーに保存されず、このブラウザーにだけ残ります。", "You're practising without an account. Nothing is stored on the server; your answer stays in this browser."},
	"guest.note.signup": {"登録すると回答を保存できます。", "Sign up to keep your answers."},
	"guest.analyse":     {"分析を見る", "See the insights"},
	"guest.keep.title":  {"この回答を残すには", "Keep this answer"},
	"guest.keep.body":   {"この回答はまだどこにも保存されていません。登録すると、このブラウザーで答えた回答がアカウントに取り込まれ、復習の予定や上達の記録に加わります。", "This answer is not stored anywhere yet. Sign up and the answers you gave in this browser move into your account, where they join your review schedule and progress."},
	"guest.kept":        {"登録するまで、この回答はこのブラウザーに残ります。", "Until you sign up, this answer is kept in this browser."},
	"guest.signup":      {"登録して回答を残す", "Sign up and keep it"},
	"guest.login":       {"ログインして残す", "Log in and keep it"},
	"guest.recordonly":  {"（録音だけの回答です。録音は分析に使い、保存していません。）", "(A recorded answer only. The recording was analysed and not kept.)"},
	"guest.more":        {"ほかの質問を選ぶ", "Pick another question"},

	"import.title":         {"登録前の回答を取り込む", "Keep the answers you gave before signing up"},
	"import.lead":          {"アカウントなしで答えた回答は、このブラウザーに残っています。取り込むとアカウントに保存されます。", "The answers you gave without an account are kept in this browser. Import them to save them in your account."},
	"import.count":         {"このブラウザーに%d件の回答があります。", "This browser holds %d answers."},
	"import.submit":        {"アカウントに取り込む", "Import into my account"},
	"import.empty":         {"このブラウザーには、取り込む回答がありません。", "This browser has no answers to import."},
	"import.nojs":          {"取り込みには JavaScript が必要です。", "Importing needs JavaScript."},
	"import.done":          {"%d件の回答をアカウントに保存しました。", "%d answers are saved in your account."},
	"import.already":       {"取り込み済み", "imported before"},
	"import.skipped":       {"取り込めなかった回答", "Answers that could not be imported"},
	"import.none":          {"取り込む回答はありませんでした。", "There was nothing to import."},
	"import.open":          {"回答と分析を見る", "Open the answer and its insights"},
	"import.err.bad":       {"読み取れない回答です。", "This answer could not be read."},
	"import.err.question":  {"この質問は今はありません。", "This question no longer exists."},
	"import.err.recording": {"録音だけの回答で、録音はブラウザーに保存されていません。", "It was a recording only, and recordings are not kept before sign-up."},

	"rate.now":      {"自己評価（任意：分析を読んでからでも付けられます）", "Rate your answer (optional: you can rate it after reading the insights)"},
	"rate.hint":     {"各項目を1（弱い）〜5（強い）で評価します。空欄の項目は未評価になります。", "Rate each criterion from 1 (weak) to 5 (strong). Any left blank stay unrated."},
	"rate.title":    {"分析を読んだら、自己評価を付けましょう", "Now that you've read the insights, rate your answer"},
	"rate.change":   {"自己評価を変える", "Change your ratings"},
	"rate.unrated":  {"まだ自己評価がありません。", "Not rated yet."},
	"rate.go":       {"自己評価を付ける", "Rate it"},
	"rate.schedule": {"総合評価を付けると、次の復習日が決まります。", "Give an overall rating and the next review is scheduled."},
	"rate.none":     {"未評価", "not rated"},
	"rate.save":     {"自己評価を保存", "Save ratings"},
	"rate.err.none": {"少なくとも1項目を選んでください。", "Choose at least one rating."},
	"flash.rated":   {"自己評価を保存しました。", "Your ratings are saved."},

	"mock.rate.later": {"自己評価は最後にまとめて付けます。", "You rate your answers once, at the end."},
	"mock.rate.title": {"回答の自己評価", "Rate your answers"},
	"mock.rate.lead":  {"%d件の回答がまだ未評価です。分析を読んでから付けましょう。どれも任意です。", "%d answers are not rated yet. Rate them now that you've read the insights; each is optional."},
	"mock.rate.done":  {"すべての回答に自己評価があります。ここで変更できます。", "Every answer is rated. You can change the ratings here."},

	"compare.changed":   {"変わったところ", "What changed"},
	"compare.ratings":   {"自己評価の変化", "Change in your ratings"},
	"compare.change":    {"変化", "Change"},
	"compare.same":      {"変化なし", "same"},
	"compare.gained":    {"良くなった点", "Gained"},
	"compare.lost":      {"後退した点", "Lost"},
	"compare.none":      {"なし", "None"},
	"compare.gone":      {"なし", "gone"},
	"compare.unchanged": {"ほかの%d項目は同じ評価です。", "%d other findings are unchanged."},
}
