package blocking

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"go/types"
	"slices"
	"strings"
)

// PackageFacts is the one fact the analyzer exports per package: the Fact
// of each exported function and method that has one, keyed by name ("F",
// "T.M"), in one table of bytes.
//
// Not one object fact per function: x/tools' facts machinery (unitchecker,
// gopls, golangci-lint) re-encodes every fact of every dependency into each
// package's fact set, naming each object by its objectpath, and decodes
// and resolves them all again at each import. For thousands of method facts
// that transport cost more than the analyzers did (in gopls, on gitea).
// A package fact is one gob value with no object to resolve, passed on as
// the bytes it came as; a package that calls into another parses only that
// package's table, once (lookup).
//
// Encoding: version byte, n, then n × (key, Fact encoding), each a uvarint
// length and its bytes, keys sorted (facts must be deterministic: gopls and
// the go command key their caches on them).
type PackageFacts struct {
	data  []byte
	index map[string][]byte // key → Fact encoding; built on first lookup
}

const packageFactsVersion = 1

func (*PackageFacts) AFact() {}

// newPackageFacts encodes facts, keyed by factKey.
func newPackageFacts(facts map[string]*Fact) *PackageFacts {
	keys := make([]string, 0, len(facts))
	for k := range facts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	data := []byte{packageFactsVersion}
	data = binary.AppendUvarint(data, uint64(len(keys)))
	for _, k := range keys {
		enc := facts[k].encode()
		data = binary.AppendUvarint(data, uint64(len(k)))
		data = append(data, k...)
		data = binary.AppendUvarint(data, uint64(len(enc)))
		data = append(data, enc...)
	}
	return &PackageFacts{data: data}
}

// GobEncode implements gob.GobEncoder.
func (p *PackageFacts) GobEncode() ([]byte, error) { return p.data, nil }

// GobDecode implements gob.GobDecoder. It keeps a copy of the bytes (gob
// reuses its buffer); lookup parses them.
func (p *PackageFacts) GobDecode(data []byte) error {
	if len(data) == 0 || data[0] != packageFactsVersion {
		return fmt.Errorf("blocking.PackageFacts: not an encoding of version %d", packageFactsVersion)
	}
	*p = PackageFacts{data: bytes.Clone(data)}
	return nil
}

// parse builds the index, or fails on a corrupt encoding.
func (p *PackageFacts) parse() error {
	d := factDecoder{data: p.data}
	if v := d.byte(); v != packageFactsVersion {
		return fmt.Errorf("blocking.PackageFacts: encoding version %d, want %d", v, packageFactsVersion)
	}
	n := d.count()
	index := make(map[string][]byte, n)
	for range n {
		k := d.bytes()
		index[k] = d.slice()
	}
	if d.err == nil && len(d.data) > 0 {
		d.fail()
	}
	if d.err != nil {
		return d.err
	}
	p.index = index
	return nil
}

// lookup decodes the fact of key, or returns nil.
func (p *PackageFacts) lookup(key string) *Fact {
	if p.index == nil {
		if p.parse() != nil {
			p.index = map[string][]byte{}
		}
	}
	enc, ok := p.index[key]
	if !ok {
		return nil
	}
	f := new(Fact)
	if f.decode(enc) != nil {
		return nil
	}
	return f
}

// String lists the facts, one "key: fact" per line (test failures, -debug).
func (p *PackageFacts) String() string {
	q := PackageFacts{data: p.data}
	if err := q.parse(); err != nil {
		return err.Error()
	}
	keys := make([]string, 0, len(q.index))
	for k := range q.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s: %s", k, q.lookup(k))
	}
	return b.String()
}

// factKey names fn in its package's table: "F" for a function, "T.M" for a
// method of the named type T (methods are declared at package level only,
// so the name is unique). Interface methods have no key.
func factKey(fn *types.Func) (string, bool) {
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Name(), true
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || types.IsInterface(named) {
		return "", false
	}
	return named.Obj().Name() + "." + fn.Name(), true
}
