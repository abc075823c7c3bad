package blocking_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/locks"
)

// gobFact is how x/tools' facts machinery (unitchecker, gopls) frames a
// fact: gob of a slice of these, the fact behind the interface.
type gobFact struct {
	PkgPath string
	Object  string
	Fact    analysis.Fact
}

func init() { gob.Register(new(blocking.PackageFacts)) }

// frame gob-encodes facts as x/tools does.
func frame(t testing.TB, facts []gobFact) []byte {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(facts); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return buf.Bytes()
}

func unframe(t testing.TB, data []byte) []gobFact {
	var out []gobFact
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return out
}

func keyOf(i int) string { return fmt.Sprintf("T.M%d", i) }

// roundTrip puts facts in a package's table, encodes it as x/tools does,
// decodes it back and looks each fact up. It returns the facts and the
// table's decoded form, and the size of the framed set.
func roundTrip(t *testing.T, facts ...*blocking.Fact) ([]*blocking.Fact, *blocking.PackageFacts, int) {
	t.Helper()
	m := make(map[string]*blocking.Fact)
	for i, f := range facts {
		m[keyOf(i)] = f
	}
	data := frame(t, []gobFact{{PkgPath: "example.com/p", Fact: blocking.NewPackageFacts(m)}})
	out := unframe(t, data)
	table := out[0].Fact.(*blocking.PackageFacts)
	var got []*blocking.Fact
	for i := range facts {
		got = append(got, blocking.Lookup(table, keyOf(i)))
	}
	return got, table, len(data)
}

func checkRoundTrip(t *testing.T, facts ...*blocking.Fact) {
	t.Helper()
	got, table, _ := roundTrip(t, facts...)
	checkEqual(t, got, facts)

	// A table decoded and passed on downstream, as most are, is encoded
	// again as it came, whether it was looked into or not.
	m := make(map[string]*blocking.Fact)
	for i, f := range facts {
		m[keyOf(i)] = f
	}
	want, _ := blocking.NewPackageFacts(m).GobEncode()
	if again, err := table.GobEncode(); err != nil || !bytes.Equal(again, want) {
		t.Errorf("decoded table encodes as %q, %v; want %q", again, err, want)
	}
	if blocking.Lookup(table, "T.Missing") != nil {
		t.Error("a key not in the table has a fact")
	}
}

func checkEqual(t *testing.T, got, facts []*blocking.Fact) {
	t.Helper()
	if len(got) != len(facts) {
		t.Fatalf("decoded %d facts, want %d", len(got), len(facts))
	}
	for i := range facts {
		if !reflect.DeepEqual(got[i], facts[i]) {
			t.Errorf("fact %d: decoded\n\t%#v\nwant\n\t%#v", i, got[i], facts[i])
		}
		if got[i].String() != facts[i].String() {
			t.Errorf("fact %d: decoded %q, want %q", i, got[i], facts[i])
		}
	}
}

// typical is a method fact as blocking exports them by the thousand: the
// same cause for Waits, Blocks and IO, found through a callee, and two
// locks on the receiver in one file.
func typical() *blocking.Fact {
	c := &blocking.Cause{What: "c.client.Do", Where: "client.go:120", Via: "Client.send", Depth: 2, Stream: false}
	return &blocking.Fact{
		Waits: c, Blocks: c, IO: &blocking.Cause{What: "c.client.Do", Where: "client.go:120", Via: "Client.send", Depth: 2},
		Locks: []locks.Use{{Path: ".mu", Write: true, Where: "client.go:88"}, {Path: ".cache.mu", Where: "client.go:91"}},
	}
}

func TestFactRoundTrip(t *testing.T) {
	checkRoundTrip(t) // an empty table
	checkRoundTrip(t,
		&blocking.Fact{},
		typical(),
		&blocking.Fact{Bounded: &blocking.Cause{What: "a select on ctx.Done()", Where: "w.go:3", Sync: false}},
		&blocking.Fact{Blocks: &blocking.Cause{What: "a receive from q.items", Where: "q.go:7", Sync: true}},
		&blocking.Fact{Unlocks: []locks.Use{{Global: true, Path: "example.com/p.mu", Where: "p.go:1"}}},
		&blocking.Fact{Op: &locks.WrappedOp{Use: locks.Use{Path: ".mu", Write: true, Where: "l.go:5"}, Acquire: true}},
		&blocking.Fact{Op: &locks.WrappedOp{Use: locks.Use{Path: "", Where: "l.go:6"}}},
		&blocking.Fact{LocksIf: []locks.CondLock{{Use: locks.Use{Path: ".mu", Where: "c.go:9"}, Param: 1, When: true}, {Param: -1}}},
		// Strings that only look like positions come back as they were.
		&blocking.Fact{
			Waits:  &blocking.Cause{What: "a:1", Where: "x.go:01", Via: ":", Depth: -3},
			Blocks: &blocking.Cause{What: "", Where: ":0", Via: "ü:7"},
			IO:     &blocking.Cause{Where: "x.go:"},
			Locks:  []locks.Use{{Where: "noline"}, {Where: "a:b:2"}, {Where: "x.go:18446744073709551615"}, {Where: "x.go:+1"}},
		},
	)
}

// fill sets every field reachable from v to a non-zero value unique to its
// place (strings, numbers, true, allocated pointers, two-element slices),
// so that a field the encoding leaves out or mixes up fails the round trip.
func fill(v reflect.Value, seed *int) {
	*seed++
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), seed)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), seed)
			}
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		fill(v.Index(0), seed)
		fill(v.Index(1), seed)
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d.go:%d", *seed, *seed))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*seed))
	case reflect.Uint32:
		v.SetUint(uint64(*seed) | 1<<31) // a bitmask: its top bit too
	case reflect.Bool:
		v.SetBool(true)
	default:
		panic(fmt.Sprintf("fill: add a case for %s (and check the fact's encoding carries it)", v.Type()))
	}
}

// TestFactEncodingCarriesEveryField fails when a field is added to Fact,
// Cause, locks.Use, WrappedOp or CondLock that the encoding does not write.
func TestFactEncodingCarriesEveryField(t *testing.T) {
	seed := 0
	f := new(blocking.Fact)
	fill(reflect.ValueOf(f).Elem(), &seed)
	checkRoundTrip(t, f)
	// Each bool alone: bits must not be swapped.
	for path, set := range boolSetters(reflect.TypeFor[blocking.Fact]()) {
		seed := 0
		f := new(blocking.Fact)
		fill(reflect.ValueOf(f).Elem(), &seed)
		clearBools(reflect.ValueOf(f).Elem())
		set(reflect.ValueOf(f).Elem())
		t.Run(path, func(t *testing.T) { checkRoundTrip(t, f) })
	}
}

// boolSetters returns, per bool field reachable from t (first elements of
// slices), a function that sets just it.
func boolSetters(t reflect.Type) map[string]func(reflect.Value) {
	out := make(map[string]func(reflect.Value))
	var walk func(t reflect.Type, path string, get func(reflect.Value) reflect.Value)
	walk = func(t reflect.Type, path string, get func(reflect.Value) reflect.Value) {
		switch t.Kind() {
		case reflect.Pointer:
			walk(t.Elem(), path, func(v reflect.Value) reflect.Value { return get(v).Elem() })
		case reflect.Slice:
			walk(t.Elem(), path+"[0]", func(v reflect.Value) reflect.Value { return get(v).Index(0) })
		case reflect.Struct:
			for i := range t.NumField() {
				if !t.Field(i).IsExported() {
					continue
				}
				walk(t.Field(i).Type, path+"."+t.Field(i).Name, func(v reflect.Value) reflect.Value { return get(v).Field(i) })
			}
		case reflect.Bool:
			out[path] = func(v reflect.Value) { get(v).SetBool(true) }
		}
	}
	walk(t, "Fact", func(v reflect.Value) reflect.Value { return v })
	return out
}

func clearBools(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			clearBools(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			clearBools(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				clearBools(v.Field(i))
			}
		}
	case reflect.Bool:
		v.SetBool(false)
	}
}

// plainFact is Fact as a plain gob object fact: what one fact per function
// would cost.
type plainFact blocking.Fact

func (*plainFact) AFact() {}

func init() { gob.Register(new(plainFact)) }

// typicalSet is 100 typical facts of one package, in its table and as one
// plain gob object fact each, both framed as x/tools frames them.
func typicalSet(t testing.TB) (table, plain []byte) {
	m := make(map[string]*blocking.Fact)
	var objects []gobFact
	for i := range 100 {
		m[keyOf(i)] = typical()
		objects = append(objects, gobFact{PkgPath: "example.com/p", Object: keyOf(i), Fact: (*plainFact)(typical())})
	}
	return frame(t, []gobFact{{PkgPath: "example.com/p", Fact: blocking.NewPackageFacts(m)}}), frame(t, objects)
}

// TestFactSize fails when the encoding of a typical fact grows back
// towards what gob writes for the struct: every copy of a Cause with its
// strings and gob's field names, which every package downstream carries.
func TestFactSize(t *testing.T) {
	data := blocking.EncodeFact(typical())
	const budget = 80 // 73 when written
	if len(data) > budget {
		t.Errorf("typical fact encodes in %d bytes, budget %d: %q", len(data), budget, data)
	}
	table, plain := typicalSet(t)
	t.Logf("100 typical facts: %d bytes in a table, %d as plain gob object facts", len(table), len(plain))
	if len(table)*10 > len(plain)*4 {
		t.Errorf("100 typical facts encode in %d bytes, more than 40%% of plain gob's %d", len(table), len(plain))
	}
}

func TestFactDecodeCorrupt(t *testing.T) {
	data := blocking.EncodeFact(typical())
	for i := range len(data) {
		if _, err := blocking.DecodeFact(data[:i]); err == nil {
			t.Errorf("decoding %d of %d bytes: no error", i, len(data))
		}
	}
	if _, err := blocking.DecodeFact(append(data, 0)); err == nil {
		t.Error("decoding with a trailing byte: no error")
	}
	if _, err := blocking.DecodeFact(append([]byte{99}, data[1:]...)); err == nil {
		t.Error("decoding another version: no error")
	}

	// A corrupt table has no facts (and does not panic).
	table, _ := blocking.NewPackageFacts(map[string]*blocking.Fact{"T.M": typical()}).GobEncode()
	for i := 1; i < len(table); i++ {
		var p blocking.PackageFacts
		if err := p.GobDecode(table[:i]); err != nil {
			t.Fatal(err)
		}
		if f := blocking.Lookup(&p, "T.M"); f != nil {
			t.Errorf("table of %d of %d bytes has a fact: %v", i, len(table), f)
		}
	}
	var p blocking.PackageFacts
	if err := p.GobDecode(append([]byte{99}, table[1:]...)); err == nil {
		t.Error("decoding a table of another version: no error")
	}
	// The bytes given to GobDecode are gob's buffer, reused once it returns.
	buf := bytes.Clone(table)
	if err := p.GobDecode(buf); err != nil {
		t.Fatal(err)
	}
	clear(buf)
	if f := blocking.Lookup(&p, "T.M"); f == nil || f.String() != typical().String() {
		t.Errorf("fact decoded from a buffer later cleared: %v; want %q", f, typical())
	}
}

// BenchmarkFactSetDecode decodes the facts of a package of 100 typical
// facts framed as x/tools frames them, as gopls does for each import of
// each package: one table against one plain gob object fact per function.
func BenchmarkFactSetDecode(b *testing.B) {
	table, plain := typicalSet(b)
	for _, bc := range []struct {
		name string
		data []byte
	}{{"table", table}, {"plain", plain}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				unframe(b, bc.data)
			}
		})
	}
}
