// Package db is an in-house driver whose constructor the test declares
// with -poolperrequest.constructors.
package db

type Pool struct{}

func Open(dsn string) *Pool { return nil }

func (*Pool) Query(q string) error { return nil }
