// Package testfiles holds findings only in a _test.go file: reported
// with -droppedctx.tests only.
package testfiles
