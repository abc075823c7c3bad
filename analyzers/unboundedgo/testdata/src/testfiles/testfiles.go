// Package testfiles holds findings only in a _test.go file: reported
// with -unboundedgo.tests only.
package testfiles
