package chart

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// elem is one parsed SVG element.
type elem struct {
	name  string
	attrs map[string]string
	text  string // character data directly inside
}

func (e elem) classes() []string { return strings.Fields(e.attrs["class"]) }

func (e elem) hasClass(c string) bool {
	for _, x := range e.classes() {
		if x == c {
			return true
		}
	}
	return false
}

// doc is a parsed SVG: its elements in document order, root first.
type doc struct {
	elems []elem
}

func (d doc) root() elem { return d.elems[0] }

// all returns the elements with the given name (any name when "") and class
// (any class when "").
func (d doc) all(name, class string) []elem {
	var out []elem
	for _, e := range d.elems {
		if (name == "" || e.name == name) && (class == "" || e.hasClass(class)) {
			out = append(out, e)
		}
	}
	return out
}

// texts returns the character data of all <text> elements.
func (d doc) texts() []string {
	var out []string
	for _, e := range d.all("text", "") {
		out = append(out, e.text)
	}
	return out
}

// geometric attributes must never hold NaN or Inf.
var geomAttrs = map[string]bool{"x": true, "y": true, "x1": true, "y1": true, "x2": true, "y2": true,
	"cx": true, "cy": true, "r": true, "width": true, "height": true, "d": true, "transform": true,
	"viewBox": true, "font-size": true}

// inspect parses s strictly as XML and checks the rules every chart must
// follow. It returns the parsed document and the first rule broken.
func inspect(s string) (doc, error) {
	var d doc
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	var stack []int
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return d, fmt.Errorf("not well-formed XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := elem{name: t.Name.Local, attrs: map[string]string{}}
			if len(d.elems) > 0 && len(stack) == 0 {
				return d, errors.New("more than one root element")
			}
			for _, a := range t.Attr {
				name := a.Name.Local
				if a.Name.Space != "" && a.Name.Space != "xmlns" {
					name = a.Name.Space + ":" + name
				}
				e.attrs[name] = a.Value
				if strings.EqualFold(a.Name.Local, "style") {
					return d, fmt.Errorf("style attribute on <%s>", e.name)
				}
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					return d, fmt.Errorf("event handler %s on <%s>", a.Name.Local, e.name)
				}
				if geomAttrs[a.Name.Local] && (strings.Contains(a.Value, "NaN") || strings.Contains(a.Value, "Inf")) {
					return d, fmt.Errorf("<%s %s=%q>", e.name, a.Name.Local, a.Value)
				}
			}
			switch strings.ToLower(e.name) {
			case "style", "script", "foreignobject":
				return d, fmt.Errorf("forbidden element <%s>", e.name)
			}
			if e.name == "text" {
				fs, err := strconv.ParseFloat(e.attrs["font-size"], 64)
				if err != nil || fs < 11 {
					return d, fmt.Errorf("text with font-size %q", e.attrs["font-size"])
				}
			}
			d.elems = append(d.elems, e)
			stack = append(stack, len(d.elems)-1)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				d.elems[stack[len(stack)-1]].text += string(t)
			}
		}
	}
	if len(d.elems) == 0 {
		return d, errors.New("empty output")
	}
	r := d.root()
	if r.name != "svg" {
		return d, fmt.Errorf("root is <%s>", r.name)
	}
	if r.attrs["role"] != "img" {
		return d, errors.New(`root lacks role="img"`)
	}
	if r.attrs["viewBox"] == "" || r.attrs["preserveAspectRatio"] != "xMidYMid meet" {
		return d, errors.New("root lacks viewBox or preserveAspectRatio")
	}
	if w := r.attrs["width"]; w != "100%" {
		return d, fmt.Errorf("root width %q, want 100%%", w)
	}
	if _, ok := r.attrs["height"]; ok {
		return d, errors.New("root has a fixed height")
	}
	// aria-labelledby must name a <title> (first) and optionally a <desc>.
	ids := map[string]string{}
	for _, e := range d.elems {
		if id, ok := e.attrs["id"]; ok {
			if _, dup := ids[id]; dup {
				return d, fmt.Errorf("duplicate id %q", id)
			}
			ids[id] = e.name
		}
	}
	refs := strings.Fields(r.attrs["aria-labelledby"])
	if len(refs) == 0 || ids[refs[0]] != "title" {
		return d, fmt.Errorf("aria-labelledby %q does not start with a <title> id", r.attrs["aria-labelledby"])
	}
	for _, ref := range refs[1:] {
		if ids[ref] != "desc" {
			return d, fmt.Errorf("aria-labelledby names %q, which is not a <desc>", ref)
		}
	}
	return d, nil
}
