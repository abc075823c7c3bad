// Package testfiles holds findings only in a _test.go file: reported
// with -notimeout.tests only.
package testfiles
