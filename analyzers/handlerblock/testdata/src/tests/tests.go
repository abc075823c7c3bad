// Package tests checks that test files are skipped by default.
package tests
