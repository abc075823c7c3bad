package blocking

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/conclint/conclint/internal/locks"
)

// A Fact crosses packages in its package's table (PackageFacts), which
// gopls and the go command copy into the fact set of every package
// downstream. So it is written compactly instead of as gob would write each
// Cause and locks.Use with its field names and strings:
//
//	version byte
//	strings: n, then n × (length, bytes)        every distinct string once
//	causes:  n, then n × cause                  every distinct Cause once
//	Waits, Blocks, IO, Costly, Bounded: 0 (nil) or 1 + cause index
//	Locks, Unlocks: n, then n × use
//	Op: 0, or 1 + flags (bit 0: Acquire) + use
//	LocksIf: n, then n × (use, Param, When)
//	CallsParams
//
//	cause: What (string), Where (position), Via (string), Depth, flags (bit 0: Sync, bit 1: Stream, bit 2: Scan)
//	use:   flags (bit 0: Global, bit 1: Write), Path (string), Where (position)
//	position ("file.go:12"): file string, then 0 when the whole position is
//	                         that string or 1 + line
//
// Numbers are varints; a string is its index in the table. A decoded fact
// equals the encoded one, field by field (see TestFactRoundTrip); causes
// that were equal share one *Cause.
const factVersion = 3

// encode writes the fact in the form above.
func (f *Fact) encode() []byte {
	var e factEncoder
	e.index = make(map[string]int)
	e.causeIndex = make(map[Cause]int)
	// First pass: collect strings and causes, in a fixed order.
	for _, c := range []*Cause{f.Waits, f.Blocks, f.IO, f.Costly, f.Bounded} {
		if c != nil {
			e.addCause(*c)
		}
	}
	e.addUses(f.Locks)
	e.addUses(f.Unlocks)
	if f.Op != nil {
		e.addUse(f.Op.Use)
	}
	for _, c := range f.LocksIf {
		e.addUse(c.Use)
	}

	buf := make([]byte, 0, 64)
	buf = append(buf, factVersion)
	buf = binary.AppendUvarint(buf, uint64(len(e.strings)))
	for _, s := range e.strings {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	buf = binary.AppendUvarint(buf, uint64(len(e.causes)))
	for _, c := range e.causes {
		buf = binary.AppendUvarint(buf, uint64(e.index[c.What]))
		buf = e.appendPosition(buf, c.Where)
		buf = binary.AppendUvarint(buf, uint64(e.index[c.Via]))
		buf = binary.AppendVarint(buf, int64(c.Depth))
		buf = append(buf, flags(c.Sync, c.Stream)|flags(false, c.Scan)<<1)
	}
	for _, c := range []*Cause{f.Waits, f.Blocks, f.IO, f.Costly, f.Bounded} {
		if c == nil {
			buf = append(buf, 0)
		} else {
			buf = binary.AppendUvarint(buf, uint64(1+e.causeIndex[*c]))
		}
	}
	for _, uses := range [][]locks.Use{f.Locks, f.Unlocks} {
		buf = binary.AppendUvarint(buf, uint64(len(uses)))
		for _, u := range uses {
			buf = e.appendUse(buf, u)
		}
	}
	if f.Op == nil {
		buf = append(buf, 0)
	} else {
		buf = append(buf, 1, flags(f.Op.Acquire, false))
		buf = e.appendUse(buf, f.Op.Use)
	}
	buf = binary.AppendUvarint(buf, uint64(len(f.LocksIf)))
	for _, c := range f.LocksIf {
		buf = e.appendUse(buf, c.Use)
		buf = binary.AppendVarint(buf, int64(c.Param))
		buf = append(buf, flags(c.When, false))
	}
	buf = binary.AppendUvarint(buf, uint64(f.CallsParams))
	return buf
}

type factEncoder struct {
	strings    []string
	index      map[string]int
	causes     []Cause
	causeIndex map[Cause]int
}

func (e *factEncoder) addString(s string) {
	if _, ok := e.index[s]; !ok {
		e.index[s] = len(e.strings)
		e.strings = append(e.strings, s)
	}
}

// addPosition adds the file part of a position.
func (e *factEncoder) addPosition(s string) {
	file, _, _ := splitPosition(s)
	e.addString(file)
}

func (e *factEncoder) addCause(c Cause) {
	if _, ok := e.causeIndex[c]; ok {
		return
	}
	e.causeIndex[c] = len(e.causes)
	e.causes = append(e.causes, c)
	e.addString(c.What)
	e.addPosition(c.Where)
	e.addString(c.Via)
}

func (e *factEncoder) addUse(u locks.Use) {
	e.addString(u.Path)
	e.addPosition(u.Where)
}

func (e *factEncoder) addUses(uses []locks.Use) {
	for _, u := range uses {
		e.addUse(u)
	}
}

func (e *factEncoder) appendPosition(buf []byte, s string) []byte {
	file, line, ok := splitPosition(s)
	buf = binary.AppendUvarint(buf, uint64(e.index[file]))
	if !ok {
		return append(buf, 0)
	}
	return binary.AppendUvarint(buf, uint64(line)+1)
}

func (e *factEncoder) appendUse(buf []byte, u locks.Use) []byte {
	buf = append(buf, flags(u.Global, u.Write))
	buf = binary.AppendUvarint(buf, uint64(e.index[u.Path]))
	return e.appendPosition(buf, u.Where)
}

// splitPosition splits "file.go:12" into "file.go" and 12. It reports
// false, with s whole, for any string that "file:line" would not give back
// exactly (no colon, a line that is not a canonical decimal).
func splitPosition(s string) (string, uint64, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	line, err := strconv.ParseUint(s[i+1:], 10, 63)
	if err != nil || strconv.FormatUint(line, 10) != s[i+1:] {
		return s, 0, false
	}
	return s[:i], line, true
}

func flags(a, b bool) byte {
	var f byte
	if a {
		f |= 1
	}
	if b {
		f |= 2
	}
	return f
}

// decode reads a fact that encode wrote.
func (f *Fact) decode(data []byte) error {
	d := factDecoder{data: data}
	if v := d.byte(); v != factVersion {
		return fmt.Errorf("blocking.Fact: encoding version %d, want %d", v, factVersion)
	}
	n := d.count()
	d.strings = make([]string, 0, n)
	for range n {
		d.strings = append(d.strings, d.bytes())
	}
	n = d.count()
	causes := make([]Cause, n)
	for i := range causes {
		c := &causes[i]
		c.What = d.string()
		c.Where = d.position()
		c.Via = d.string()
		c.Depth = d.int()
		f := d.byte()
		c.Sync, c.Stream, c.Scan = f&1 != 0, f&2 != 0, f&4 != 0
	}
	*f = Fact{}
	for _, p := range []**Cause{&f.Waits, &f.Blocks, &f.IO, &f.Costly, &f.Bounded} {
		if i := d.uvarint(); i > 0 {
			if i > uint64(len(causes)) {
				d.fail()
				break
			}
			*p = &causes[i-1]
		}
	}
	for _, p := range []*[]locks.Use{&f.Locks, &f.Unlocks} {
		if n := d.count(); n > 0 {
			*p = make([]locks.Use, n)
			for i := range *p {
				(*p)[i] = d.use()
			}
		}
	}
	switch d.byte() {
	case 0:
	case 1:
		f.Op = new(locks.WrappedOp)
		f.Op.Acquire, _ = d.flags()
		f.Op.Use = d.use()
	default:
		d.fail()
	}
	if n := d.count(); n > 0 {
		f.LocksIf = make([]locks.CondLock, n)
		for i := range f.LocksIf {
			c := &f.LocksIf[i]
			c.Use = d.use()
			c.Param = d.int()
			c.When, _ = d.flags()
		}
	}
	if v := d.uvarint(); v <= 1<<32-1 {
		f.CallsParams = uint32(v)
	} else {
		d.fail()
	}
	if d.err == nil && len(d.data) > 0 {
		d.fail()
	}
	return d.err
}

type factDecoder struct {
	data    []byte
	strings []string
	err     error
}

var errCorrupt = errors.New("blocking.Fact: corrupt encoding")

func (d *factDecoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.data = nil
}

func (d *factDecoder) byte() byte {
	if len(d.data) == 0 {
		d.fail()
		return 0
	}
	b := d.data[0]
	d.data = d.data[1:]
	return b
}

func (d *factDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *factDecoder) int() int {
	v, n := binary.Varint(d.data)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.data = d.data[n:]
	return int(v)
}

// count reads a length, which cannot exceed the bytes left (each item
// takes at least one).
func (d *factDecoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.data)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *factDecoder) bytes() string {
	n := d.count()
	s := string(d.data[:n])
	d.data = d.data[n:]
	return s
}

// slice reads a length and that many bytes, not copied.
func (d *factDecoder) slice() []byte {
	n := d.count()
	b := d.data[:n:n]
	d.data = d.data[n:]
	return b
}

func (d *factDecoder) string() string {
	i := d.uvarint()
	if i >= uint64(len(d.strings)) {
		d.fail()
		return ""
	}
	return d.strings[i]
}

func (d *factDecoder) position() string {
	s := d.string()
	if line := d.uvarint(); line > 0 {
		return s + ":" + strconv.FormatUint(line-1, 10)
	}
	return s
}

func (d *factDecoder) flags() (bool, bool) {
	f := d.byte()
	return f&1 != 0, f&2 != 0
}

func (d *factDecoder) use() locks.Use {
	var u locks.Use
	u.Global, u.Write = d.flags()
	u.Path = d.string()
	u.Where = d.position()
	return u
}
