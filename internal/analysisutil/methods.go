package analysisutil

import "go/types"

// Method returns the exported method name in the method set of t (pointer
// receiver methods only when t is a pointer), or nil. It looks the one name
// up: building t's whole method set with types.NewMethodSet at every call
// or parameter costs quadratic time on types with hundreds of methods.
func Method(t types.Type, name string) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, name)
	fn, _ := obj.(*types.Func)
	return fn
}
