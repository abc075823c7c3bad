package blocking

import "go/types"

// NewPackageFacts, Lookup, EncodeFact and DecodeFact give the tests the
// encodings as the analyzer writes and reads them.
func NewPackageFacts(facts map[string]*Fact) *PackageFacts { return newPackageFacts(facts) }

func Lookup(p *PackageFacts, key string) *Fact { return p.lookup(key) }

func EncodeFact(f *Fact) []byte { return f.encode() }

func DecodeFact(data []byte) (*Fact, error) {
	f := new(Fact)
	return f, f.decode(data)
}

// ExportedFact returns fn's fact as the package's exported table holds it,
// decoded, or nil.
func ExportedFact(in *Info, fn *types.Func) *Fact {
	key, ok := factKey(fn)
	if !ok || in.exported == nil {
		return nil
	}
	return in.exported.lookup(key)
}
