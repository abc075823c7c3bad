// Package testfiles holds findings only in a _test.go file: reported
// with -poolperrequest.tests only.
package testfiles
