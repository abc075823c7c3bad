// Package integration holds conclint's end-to-end tests of the routes that
// build another tool with conclint linked in (build tag "integration"),
// both offline-capable (internal/toolbuild): golangci-lint with conclint's
// plugins, run on examples/ with .golangci-plugin.yml (golangci_test.go),
// and gopls with conclint's analyzers, driven over LSP on stdio as an
// editor does (gopls_test.go, with the small client in lsp_test.go).
//
//	go test -tags integration ./internal/integration
//
// The binaries are kept in bin/ and rebuilt only when conclint's sources
// change; set CONCLINT_GOLANGCI_LINT or CONCLINT_GOPLS to the absolute path
// of an existing binary to test it instead.
package integration
