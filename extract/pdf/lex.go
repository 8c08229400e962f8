package pdf

import (
	"bytes"
	"strconv"
)

// The content-stream and CMap lexer. ledongthuc/pdf has a lexer too, but it
// reads through an io.Reader a byte at a time, panics on malformed input and
// knows nothing of inline images; content streams are the hot path of this
// package (a page of a report holds 2 000–20 000 operands), so they are
// tokenised here from the decoded bytes in memory.

// tokKind is the kind of a token.
type tokKind uint8

const (
	tokEOF        tokKind = iota
	tokNumber             // 12, -3.5, .5
	tokName               // /F1 (val holds the name without the slash, #xx decoded)
	tokString             // (…) or <…> (val holds the decoded bytes)
	tokArrayOpen          // [
	tokArrayClose         // ]
	tokDictOpen           // <<
	tokDictClose          // >>
	tokKeyword            // an operator, true, false, null, or a PostScript word
	tokBrace              // { or }, PostScript procedures in CMaps and functions
)

// token is one lexical token. val aliases the lexer's input or its scratch
// arena and stays valid for the life of the lexer.
type token struct {
	kind tokKind
	num  float64
	val  []byte
}

// lexer tokenises PDF content streams and CMaps.
type lexer struct {
	buf   []byte
	pos   int
	arena []byte // decoded strings and names; slices of it stay valid
}

func newLexer(b []byte) *lexer { return &lexer{buf: b} }

func isSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.buf) {
		c := l.buf[l.pos]
		if isSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.buf) && l.buf[l.pos] != '\n' && l.buf[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next returns the next token; at the end of input it returns tokEOF forever.
func (l *lexer) next() token {
again:
	l.skipSpace()
	if l.pos >= len(l.buf) {
		return token{kind: tokEOF}
	}
	c := l.buf[l.pos]
	switch c {
	case '/':
		l.pos++
		return token{kind: tokName, val: l.name()}
	case '(':
		l.pos++
		return token{kind: tokString, val: l.literal()}
	case '<':
		if l.pos+1 < len(l.buf) && l.buf[l.pos+1] == '<' {
			l.pos += 2
			return token{kind: tokDictOpen}
		}
		l.pos++
		return token{kind: tokString, val: l.hex()}
	case '>':
		l.pos++
		if l.pos < len(l.buf) && l.buf[l.pos] == '>' {
			l.pos++
			return token{kind: tokDictClose}
		}
		goto again // a stray '>' is ignored
	case '[':
		l.pos++
		return token{kind: tokArrayOpen}
	case ']':
		l.pos++
		return token{kind: tokArrayClose}
	case '{', '}':
		l.pos++
		return token{kind: tokBrace, val: l.buf[l.pos-1 : l.pos]}
	case ')':
		l.pos++
		goto again // an unbalanced ')' is ignored
	}
	start := l.pos
	for l.pos < len(l.buf) && isRegular(l.buf[l.pos]) {
		l.pos++
	}
	word := l.buf[start:l.pos]
	if n, ok := parseNumber(word); ok {
		return token{kind: tokNumber, num: n}
	}
	return token{kind: tokKeyword, val: word}
}

// parseNumber reads a PDF number. It is lenient as viewers are: "-.5", "5.",
// "+3" are numbers; "1.2.3" and "--2" are not (they become keywords, which the
// interpreter ignores).
func parseNumber(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	i := 0
	neg := false
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		i++
	}
	var v float64
	digits := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		v = v*10 + float64(b[i]-'0')
		digits++
	}
	if i < len(b) && b[i] == '.' {
		i++
		scale := 0.1
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			v += float64(b[i]-'0') * scale
			scale /= 10
			digits++
		}
	}
	if i != len(b) || digits == 0 {
		return 0, false
	}
	if digits > 15 { // beyond float64's exact digits: let strconv round correctly
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return 0, false
		}
		return f, true
	}
	if neg {
		v = -v
	}
	return v, true
}

// name reads a name after its slash, decoding #xx escapes.
func (l *lexer) name() []byte {
	start := l.pos
	esc := false
	for l.pos < len(l.buf) && isRegular(l.buf[l.pos]) {
		if l.buf[l.pos] == '#' {
			esc = true
		}
		l.pos++
	}
	raw := l.buf[start:l.pos]
	if !esc {
		return raw
	}
	s := len(l.arena)
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) && unhex(raw[i+1]) >= 0 && unhex(raw[i+2]) >= 0 {
			l.arena = append(l.arena, byte(unhex(raw[i+1])<<4|unhex(raw[i+2])))
			i += 2
			continue
		}
		l.arena = append(l.arena, raw[i])
	}
	return l.arena[s:len(l.arena):len(l.arena)]
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// literal reads a (string) after its opening parenthesis.
func (l *lexer) literal() []byte {
	// Fast path: no escapes and no nested parentheses.
	if i := bytes.IndexAny(l.buf[l.pos:], `()\`); i >= 0 && l.buf[l.pos+i] == ')' {
		s := l.buf[l.pos : l.pos+i]
		l.pos += i + 1
		return s
	}
	s := len(l.arena)
	depth := 1
	for l.pos < len(l.buf) {
		c := l.buf[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return l.arena[s:len(l.arena):len(l.arena)]
			}
		case '\\':
			if l.pos >= len(l.buf) {
				break
			}
			e := l.buf[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.buf) && l.buf[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.buf) && l.buf[l.pos] >= '0' && l.buf[l.pos] <= '7'; k++ {
						v = v*8 + int(l.buf[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and unknown escapes stand for themselves
				}
			}
		case '\r': // an end of line inside a string reads as \n
			if l.pos < len(l.buf) && l.buf[l.pos] == '\n' {
				l.pos++
			}
			c = '\n'
		}
		l.arena = append(l.arena, c)
	}
	return l.arena[s:len(l.arena):len(l.arena)]
}

// hex reads a <hex string> after its '<'. An odd final digit is followed by 0.
func (l *lexer) hex() []byte {
	s := len(l.arena)
	hi := -1
	for l.pos < len(l.buf) {
		c := l.buf[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		d := unhex(c)
		if d < 0 {
			continue // white space and junk
		}
		if hi < 0 {
			hi = d
			continue
		}
		l.arena = append(l.arena, byte(hi<<4|d))
		hi = -1
	}
	if hi >= 0 {
		l.arena = append(l.arena, byte(hi<<4))
	}
	return l.arena[s:len(l.arena):len(l.arena)]
}

// skipInlineImage skips the data of an inline image, after its ID operator,
// to just past the EI that ends it. The data is binary and unbounded, so EI
// is found as the specification's readers do: "EI" between white space (or
// at the end of the stream).
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.buf) && isSpace(l.buf[l.pos]) {
		l.pos++ // the single white-space character after ID
	}
	for l.pos < len(l.buf) {
		i := bytes.Index(l.buf[l.pos:], []byte("EI"))
		if i < 0 {
			l.pos = len(l.buf)
			return
		}
		at := l.pos + i
		before := at == 0 || isSpace(l.buf[at-1])
		after := at+2 >= len(l.buf) || isSpace(l.buf[at+2]) || isDelim(l.buf[at+2])
		l.pos = at + 2
		if before && after {
			return
		}
	}
}
