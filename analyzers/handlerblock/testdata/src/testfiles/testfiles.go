// Package testfiles holds findings only in a _test.go file: reported
// with -handlerblock.tests only.
package testfiles
