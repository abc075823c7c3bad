//go:build !unix

package twins

// alive cannot tell here: the reporting call does not wait, it analyses.
func alive(int) bool { return false }
