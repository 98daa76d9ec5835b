package i18n

// dictationMessages are the strings of the dictation control
// (templates/partials/dictation.html, static/js/dictation.js) and of its
// setting on /me/settings.
var dictationMessages = map[string]msg{
	"dictation.label":       {"音声入力", "Dictation"},
	"dictation.start":       {"音声入力", "Dictate"},
	"dictation.stop":        {"音声入力を停止", "Stop dictation"},
	"dictation.checking":    {"この端末で音声入力が使えるか確認しています…", "Checking whether dictation can run on this device…"},
	"dictation.nojs":        {"音声入力にはJavaScriptが必要です。入力欄にはいつでも文字を入力できます。", "Dictation needs JavaScript. You can always type in the box."},
	"dictation.local":       {"この端末で処理します。音声はこのコンピューターの外に出ません。", "Runs on this device: your voice stays on this computer."},
	"dictation.cloud":       {"ブラウザーのオンライン音声サービスを使います。音声はブラウザーの提供元に送られます。", "Uses the browser's online speech service: your audio goes to the browser's maker."},
	"dictation.cloud.ask":   {"この端末では処理できないため、ブラウザーのオンライン音声サービスを使います。最初に使う前に確認します。", "This device can't do it alone, so dictation would use the browser's online speech service. You'll be asked before it is used."},
	"dictation.cloud.off":   {"オンライン音声サービスでの音声入力はオフです。入力欄にはいつでも文字を入力できます。", "Dictation through the online speech service is off. Typing always works."},
	"dictation.none":        {"このブラウザーではこの言語の音声入力を使えません。入力欄にはいつでも文字を入力できます。", "Dictation isn't available in this browser for this language. Typing always works."},
	"dictation.settings":    {"設定で変更", "Change in settings"},
	"dictation.askagain":    {"もう一度確認する", "Ask me again"},
	"dictation.listen.here": {"この端末で聞き取り中です。話し終えたら停止を押してください。", "Listening on this device… speak, then press Stop."},
	"dictation.listen.web":  {"オンライン音声サービスで聞き取り中です。話し終えたら停止を押してください。", "Listening through the online speech service… speak, then press Stop."},

	"dictation.install":        {"音声パックをダウンロード（この端末で処理できるようになります）", "Download the speech pack (then dictation runs on this device)"},
	"dictation.install.offer":  {"一度ダウンロードすれば、この言語の音声入力をこの端末で処理できます。", "A one-time download lets dictation in this language run on this device."},
	"dictation.install.busy":   {"音声パックをダウンロードしています。数分かかることがあります…", "Downloading the speech pack. This can take a few minutes…"},
	"dictation.install.done":   {"音声パックを入れました。音声入力はこの端末で処理されます。", "The speech pack is installed. Dictation now runs on this device."},
	"dictation.install.failed": {"音声パックを入れられませんでした。入力欄にはいつでも文字を入力できます。", "The speech pack couldn't be installed. Typing always works."},

	"dictation.consent.title": {"オンライン音声サービスを使いますか？", "Use the browser's online speech service?"},
	"dictation.consent.body":  {"このブラウザーはこの端末だけで音声を文字にできません。音声入力を使うと、話した音声がこのコンピューターから送られ、ブラウザーの提供元（ChromeならGoogle）のサービスで文字になります。aeprepは音声を受け取らず、保存もしません。", "This browser can't turn speech into text on this device alone. If you dictate, your audio leaves this computer and goes to the service of the browser's maker (Google, for Chrome), which sends back the text. aeprep never receives or keeps the audio."},
	"dictation.consent.allow": {"使う", "Use it"},
	"dictation.consent.deny":  {"使わない（入力する）", "No, I'll type"},
	"dictation.consent.kept":  {"この答えは覚えておきます。", "This answer is remembered."},
	"dictation.denied":        {"音声は送りません。入力欄にはいつでも文字を入力できます。", "No audio is sent. Typing always works."},
	"dictation.unsaved":       {"答えを保存できませんでした。次回もう一度確認します。", "Your answer couldn't be saved; you'll be asked again next time."},

	"dictation.err.mic":     {"マイクが使えません。ブラウザーのサイト設定で許可してください。入力欄にはいつでも文字を入力できます。", "The microphone is blocked. Allow it in the browser's site settings. Typing always works."},
	"dictation.err.nomic":   {"マイクが見つかりません。入力欄にはいつでも文字を入力できます。", "No microphone was found. Typing always works."},
	"dictation.err.silence": {"音声が聞き取れませんでした。もう一度音声入力を押してください。", "No speech was heard. Press Dictate to try again."},
	"dictation.err.network": {"オンライン音声サービスにつながりません。入力欄にはいつでも文字を入力できます。", "The online speech service can't be reached. Typing always works."},
	"dictation.err.local":   {"この端末での音声入力の準備ができていません。入力欄にはいつでも文字を入力できます。", "Dictation on this device isn't ready for this language. Typing always works."},
	"dictation.err.other":   {"エラーのため音声入力を停止しました。入力欄にはいつでも文字を入力できます。", "Dictation stopped because of an error. Typing always works."},
	"dictation.err.full":    {"入力欄が文字数の上限に達したため、これ以上追記できません。", "The box is full, so no more words can be added."},

	"settings.dictation":       {"オンライン音声サービスでの音声入力", "Dictation through the browser's online service"},
	"settings.dictation.hint":  {"端末だけで処理できるブラウザーでは、音声は外に出ず、この設定は関係ありません。それができないブラウザーでは、音声がブラウザーの提供元に送られて文字になります。", "Where the browser can dictate on the device, audio stays there and this setting doesn't matter. Where it can't, dictation sends your audio to the browser's maker to be turned into text."},
	"settings.dictation.ask":   {"初めて使うときに確認する", "Ask me the first time"},
	"settings.dictation.allow": {"使う（音声がブラウザーの提供元に送られます）", "Allow (audio goes to the browser's maker)"},
	"settings.dictation.deny":  {"使わない（端末内の音声入力か、文字入力だけ）", "Off (dictate on the device only, or type)"},
	"settings.dictation.err":   {"3つの選択肢から1つ選んでください。", "Choose one of the three options."},
}
