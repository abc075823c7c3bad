// Package testfiles holds findings only in a _test.go file: reported
// with -lockio.tests only.
package testfiles
