package blocking

// LoadFact decodes a fact that GobDecode kept as bytes, as importFact does.
func LoadFact(f *Fact) error { return f.load() }
