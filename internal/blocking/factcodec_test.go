package blocking_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

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

func init() { gob.Register(new(blocking.Fact)) }

// roundTrip encodes facts as x/tools does and decodes them back.
func roundTrip(t *testing.T, facts ...*blocking.Fact) ([]*blocking.Fact, int) {
	t.Helper()
	var in []gobFact
	for i, f := range facts {
		in = append(in, gobFact{PkgPath: "example.com/p", Object: fmt.Sprintf("T.M%d", i), Fact: f})
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		t.Fatalf("encode: %v", err)
	}
	n := buf.Len()
	var out []gobFact
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	var got []*blocking.Fact
	for _, g := range out {
		f := g.Fact.(*blocking.Fact)
		if err := blocking.LoadFact(f); err != nil {
			t.Fatalf("load: %v", err)
		}
		got = append(got, f)
	}
	return got, n
}

func checkRoundTrip(t *testing.T, facts ...*blocking.Fact) {
	t.Helper()
	got, _ := roundTrip(t, facts...)
	checkEqual(t, got, facts)

	// A fact decoded and passed on downstream without being loaded, as
	// most are, is encoded again as it came.
	var once []*blocking.Fact
	for _, f := range facts {
		data, err := f.GobEncode()
		if err != nil {
			t.Fatal(err)
		}
		g := new(blocking.Fact)
		if err := g.GobDecode(data); err != nil {
			t.Fatal(err)
		}
		if s := g.String(); s != f.String() {
			t.Errorf("unloaded fact prints %q, want %q", s, f)
		}
		if again, err := g.GobEncode(); err != nil || !bytes.Equal(again, data) {
			t.Errorf("unloaded fact encodes as %q, %v; want %q", again, err, data)
		}
		once = append(once, g)
	}
	twice, _ := roundTrip(t, once...)
	checkEqual(t, twice, facts)
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
			if v.Type().Field(i).IsExported() { // Fact.encoded is the codec's own
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
// Cause, locks.Use, WrappedOp or CondLock that GobEncode does not write.
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

// TestFactRoundTripAnalyzed round-trips the facts that the analyzer
// exports on its test package.
func TestFactRoundTripAnalyzed(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), blocking.Analyzer, "f")
	var facts []*blocking.Fact
	for _, r := range results {
		for _, fs := range r.Facts {
			for _, f := range fs {
				facts = append(facts, f.(*blocking.Fact))
			}
		}
	}
	if len(facts) < 10 {
		t.Fatalf("%d facts exported on testdata f, want 10 or more", len(facts))
	}
	checkRoundTrip(t, facts...)
}

// plainFact is Fact without its GobEncode: what gob would write for it.
type plainFact blocking.Fact

func (*plainFact) AFact() {}

// TestFactSize fails when the encoding of a typical fact grows back
// towards what gob writes for the struct: every copy of a Cause with its
// strings and gob's field names, which gopls decodes again at every import
// level for facts about methods.
func TestFactSize(t *testing.T) {
	f := typical()
	data, err := f.GobEncode()
	if err != nil {
		t.Fatal(err)
	}
	const budget = 80 // 73 when written
	if len(data) > budget {
		t.Errorf("typical fact encodes in %d bytes, budget %d: %q", len(data), budget, data)
	}

	// A set of 100 such facts, framed as x/tools frames them, against the
	// same set in plain gob.
	var facts []*blocking.Fact
	for range 100 {
		facts = append(facts, typical())
	}
	_, compact := roundTrip(t, facts...)
	gob.Register(new(plainFact))
	var plain []gobFact
	for i, f := range facts {
		plain = append(plain, gobFact{PkgPath: "example.com/p", Object: fmt.Sprintf("T.M%d", i), Fact: (*plainFact)(f)})
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(plain); err != nil {
		t.Fatal(err)
	}
	t.Logf("100 typical facts: %d bytes, %d in plain gob", compact, buf.Len())
	if compact*10 > buf.Len()*6 { // about half when written: gob's framing of each fact (its type's name, its object) stays
		t.Errorf("100 typical facts encode in %d bytes, more than 60%% of plain gob's %d", compact, buf.Len())
	}
}

func TestFactDecodeCorrupt(t *testing.T) {
	data, err := typical().GobEncode()
	if err != nil {
		t.Fatal(err)
	}
	decode := func(data []byte) error {
		var f blocking.Fact
		if err := f.GobDecode(data); err != nil {
			return err
		}
		return blocking.LoadFact(&f)
	}
	for i := range len(data) {
		if err := decode(data[:i]); err == nil {
			t.Errorf("decoding %d of %d bytes: no error", i, len(data))
		}
	}
	if err := decode(append(data, 0)); err == nil {
		t.Error("decoding with a trailing byte: no error")
	}
	if err := decode(append([]byte{99}, data[1:]...)); err == nil {
		t.Error("decoding another version: no error")
	}
	// The bytes given to GobDecode are gob's buffer, reused once it returns.
	var f blocking.Fact
	buf := bytes.Clone(data)
	if err := f.GobDecode(buf); err != nil {
		t.Fatal(err)
	}
	clear(buf)
	if err := blocking.LoadFact(&f); err != nil || f.String() != typical().String() {
		t.Errorf("fact decoded from a buffer later cleared: %q, %v; want %q", &f, err, typical())
	}
}

// BenchmarkFactSetDecode decodes a set of 100 typical facts framed as
// x/tools frames them, as gopls does for each import of each package:
// Fact (compact, loaded lazily) against plain gob of the same struct.
func BenchmarkFactSetDecode(b *testing.B) {
	gob.Register(new(plainFact))
	for _, bc := range []struct {
		name string
		fact func(*blocking.Fact) analysis.Fact
	}{
		{"compact", func(f *blocking.Fact) analysis.Fact { return f }},
		{"plain", func(f *blocking.Fact) analysis.Fact { return (*plainFact)(f) }},
	} {
		var set []gobFact
		for i := range 100 {
			set = append(set, gobFact{PkgPath: "example.com/p", Object: fmt.Sprintf("T.M%d", i), Fact: bc.fact(typical())})
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(set); err != nil {
			b.Fatal(err)
		}
		data := buf.Bytes()
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var out []gobFact
				if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
