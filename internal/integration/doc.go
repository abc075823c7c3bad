// Package integration holds conclint's end-to-end test of the
// golangci-lint route (build tag "integration"): it builds golangci-lint
// with conclint linked in, offline-capable (internal/gclbuild), and runs
// it on examples/ with .golangci-plugin.yml.
//
//	go test -tags integration ./internal/integration
//
// The binary is kept in bin/ and rebuilt only when conclint's sources
// change; set CONCLINT_GOLANGCI_LINT to test an existing binary instead.
package integration
