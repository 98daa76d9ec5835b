package i18n

// speechMessages are the strings of dictation and recording.
var speechMessages = map[string]msg{
	"speech.title":        {"話して答える", "Speak your answer"},
	"speech.hint":         {"音声入力は文字を回答欄に追記します。録音は回答と一緒に保存され、話す速さを分析します。", "Dictation adds the words to your answer. A recording is saved with your answer and used to measure your pace."},
	"speech.record":       {"録音", "Record"},
	"speech.stoprecord":   {"録音を停止", "Stop recording"},
	"speech.level":        {"マイクの音量", "Microphone level"},
	"speech.discard":      {"録音を破棄", "Discard recording"},
	"speech.file":         {"または音声ファイルを添付（10MB・10分まで）", "Or attach an audio file (up to 10 MB, 10 minutes)"},
	"speech.denied":       {"マイクがブロックされています。ブラウザのサイト設定で許可するか、そのまま入力を続けてください。", "The microphone was blocked. Allow it in the browser's site settings, or keep typing."},
	"speech.norecord":     {"このブラウザでは録音できません。これまでどおり入力できます。", "Recording isn't available in this browser. Typing works as usual."},
	"speech.recording":    {"録音中… %s", "Recording… %s"},
	"speech.recorded":     {"%s録音しました。回答と一緒に保存されます。", "Recorded %s. It will be saved with your answer."},
	"speech.nomic":        {"マイクが見つかりません。これまでどおり入力できます。", "No microphone was found. Typing works as usual."},
	"speech.recorderror":  {"エラーのため録音を停止しました。これまでどおり入力できます。", "Recording stopped because of an error. Typing works as usual."},
	"speech.attachfailed": {"このブラウザでは録音をフォームに添付できません。ここで再生することはできます。", "This browser can't attach the recording to the form. You can still listen to it here."},
	"speech.toolong":      {"録音は10分で自動的に停止します。", "Recordings stop at 10 minutes."},
	"rec.title":           {"録音", "Recording"},
	"rec.delete":          {"録音を削除", "Delete recording"},
	"rec.deleted":         {"録音を削除しました。回答は残っています。", "The recording was deleted; your answer stays."},
	"rec.err.size":        {"録音ファイルが10MBを超えています。短くするか、録音なしで保存してください。", "The recording is over 10 MB. Record a shorter one, or save without it."},
	"rec.err.long":        {"録音は10分までです。", "Recordings can be up to 10 minutes."},
	"rec.err.type":        {"音声ファイルではないため保存できません（WebM・Ogg・MP4・WAV・MP3・FLACに対応）。", "That file isn't audio, so it wasn't saved (WebM, Ogg, MP4, WAV, MP3 and FLAC work)."},
	"rec.err.read":        {"録音を受け取れませんでした。もう一度保存してください。回答の文章は残っています。", "The recording didn't arrive whole. Save again; your typed answer is kept."},
	"insight.kind.pace":   {"話す速さ", "Speaking pace"},
}
