package roleplay

import (
	"slices"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

func FuzzDetect(f *testing.F) {
	for _, s := range []string{"", "What does that cost you?", "No, I'm not going to discount.", "値引きはいたしかねます。", "来週火曜の10時にお打ち合わせしませんか？",
		"ｱｯﾌﾟｾﾙ？", "\xff\xfe", "if you , but ; - — ？？", "what what what", "10:30am on the 3rd"} {
		f.Add(s, "en", false)
		f.Add(s, "ja", true)
	}
	f.Fuzz(func(t *testing.T, reply, lang string, objection bool) {
		ctx := Context{BuyerLine: "Too expensive.", NeedCues: []string{"re-key", "手入力"}, Objection: objection, DiscountAsked: objection}
		got := Detect(reply, lang, ctx)
		again := Detect(reply, lang, ctx)
		if !slices.Equal(got, again) {
			t.Fatalf("not deterministic: %v then %v", got, again)
		}
		seen := map[Move]bool{}
		for _, m := range got {
			if !KnownMove(m) || seen[m] {
				t.Fatalf("bad or repeated move %q in %v", m, got)
			}
			seen[m] = true
		}
		if seen[GaveDiscount] && seen[TradedConcession] {
			t.Fatalf("a discount is either given away or traded: %v", got)
		}
		if !utf8.ValidString(reply) {
			return
		}
	})
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte(goodEN), []byte(jaOf(goodEN)))
	f.Add([]byte("id: t\nlang: en\nnodes: [{id: a}]"), []byte("{}"))
	f.Add([]byte("- a\n- b"), []byte(": :"))
	f.Fuzz(func(t *testing.T, en, ja []byte) {
		l, err := Load(fstest.MapFS{
			"roleplays/t.en.yaml": {Data: en},
			"roleplays/t.ja.yaml": {Data: ja},
		})
		if err != nil {
			return
		}
		// anything Load accepts can be run to the end without panicking
		for _, lang := range Langs {
			s := l.Get("t", lang)
			st := Start(s)
			for i := 0; i < s.TurnLimit+1 && !st.Done; i++ {
				var tr Turn
				st, tr = Step(s, st, "What does that cost you? Can we meet Tuesday at 10?", lang)
				_ = tr
			}
			if !st.Done {
				t.Fatalf("run did not end within the turn limit")
			}
			_ = Score(s, nil)
		}
	})
}
