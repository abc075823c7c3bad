package directive

import (
	"path"
	"strings"
)

// Role is what a file is for, judged from its package's import path, its
// package name and its file name.
type Role int

const (
	Production  Role = iota
	TestSupport      // test helpers, fakes, mocks and dev-only servers outside _test.go files
	Demo             // a program (package main) under an example, demo or developer-tool directory
)

// RoleOf classifies a file. Test support is code that only tests and
// developers run: packages named like testutil, integration, mocks, fakes or devtest
// (a path element, or a word of one between dashes or underscores:
// proxy-test-server), and files named like mock_x.go, x_fake.go or faker.go. A demo
// is a main package under an examples, docs, demo, unmaintained or
// developers' tool (dev, hack, scripts, bench) directory, or one whose name has such a word between
// dashes or underscores (debug-demo, example_server): a program someone
// runs on a laptop, not a service. Example libraries that users copy stay Production.
func RoleOf(pkgPath, pkgName, filename string) Role {
	for _, elem := range strings.Split(pkgPath, "/") {
		if isTestSupport(elem) {
			return TestSupport
		}
		for _, part := range strings.FieldsFunc(elem, func(r rune) bool { return r == '-' || r == '_' }) {
			switch part {
			case "test", "tests", "e2e": // proxy-test-server, e2e_utils
				return TestSupport
			}
		}
	}
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(filename, "\\", "/")), ".go")
	for _, part := range strings.FieldsFunc(base, func(r rune) bool { return r == '_' || r == '-' }) {
		switch part {
		case "mock", "mocks", "fake", "fakes", "faker", "stub", "stubs":
			return TestSupport
		}
	}
	if pkgName == "main" {
		for _, elem := range strings.Split(pkgPath, "/") {
			if isDemo(strings.TrimPrefix(elem, "_")) {
				return Demo
			}
			for _, part := range strings.FieldsFunc(elem, func(r rune) bool { return r == '-' || r == '_' }) {
				switch part {
				case "example", "demo", "sample": // debug-demo, example-server
					return Demo
				}
			}
		}
	}
	return Production
}

func isDemo(elem string) bool {
	switch elem {
	case "example", "examples", "demo", "demos", "sample", "samples", "docs",
		"dev", "devtools", "hack", "scripts", "bench", "benchmarks", // developers' own tools (cmd/dev/…, hack/…)
		"unmaintained": // programs kept for reference, run by hand if at all
		return true
	}
	return false
}

// isTestSupport reports whether a path element names a package of test
// support: e2e, integration, testutil and other test* names, httptest
// and other *test names, mocks, fakes and stubs.
func isTestSupport(elem string) bool {
	elem = strings.ToLower(strings.TrimPrefix(elem, "_"))
	switch elem {
	case "latest", "contest", "fastest", "greatest", "attest", "protest":
		return false
	case "e2e", "stub", "stubs", "integration": // integration/: integration tests and their tools
		return true
	}
	return strings.HasPrefix(elem, "test") || strings.HasSuffix(elem, "test") || strings.HasSuffix(elem, "tests") ||
		strings.HasPrefix(elem, "mock") || strings.HasPrefix(elem, "fake")
}
