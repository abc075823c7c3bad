package conclint_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint"
	"github.com/conclint/conclint/internal/harness"
)

// BenchmarkAnalyzers runs each analyzer of the suite, and each analyzer
// they require, on one large generated service package; "suite" runs them
// all together, sharing prerequisites as drivers do. An analyzer's time
// includes its prerequisites: compare it with theirs. Track with
//
//	go test -run='^$' -bench=Analyzers -count=10 . > new.txt && benchstat old.txt new.txt
func BenchmarkAnalyzers(b *testing.B) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "service.go", generateService(400), parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		b.Fatal(err)
	}
	pkg := harness.Check(fset, "example.com/service", []*ast.File{file}, harness.NewSourceImporter(fset))
	if pkg.IllTyped {
		b.Fatalf("generated package does not type-check: %v", pkg.TypeErrors[0])
	}
	bench := func(name string, analyzers ...*analysis.Analyzer) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := harness.Analyze(analyzers, pkg)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Panics)+len(res.Errors) > 0 {
					b.Fatalf("%v %v", res.Panics, res.Errors)
				}
			}
		})
	}
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		bench(a.Name, a)
	}
	for _, a := range conclint.Suite {
		visit(a)
	}
	bench("suite", conclint.Suite...)
}

// generateService returns the source of a package with n request handlers
// and their helpers, mixing right and wrong uses of contexts, goroutines,
// locks and I/O the way services do.
func generateService(n int) string {
	var b strings.Builder
	b.WriteString(`package service

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"os/exec"
	"sync"
	"time"
)

type server struct {
	db     *sql.DB
	client *http.Client
	mu     sync.Mutex
	hits   map[string]int
}
`)
	for i := range n {
		fmt.Fprintf(&b, `
func (s *server) handle%[1]d(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.mu.Unlock()
	rows, err := s.db.Query("SELECT id FROM t%[1]d")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return
		}
		s.lookup%[1]d(ctx, id)
	}
	go func() {
		_ = s.lookup%[1]d(r.Context(), 0)
	}()
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(time.Millisecond)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
	slog.Info("served", "n", %[1]d)
}

func (s *server) lookup%[1]d(ctx context.Context, id int) error {
	req, err := http.NewRequest("GET", "http://backend/%[1]d", nil)
	if err != nil {
		return err
	}
	resp, err := s.client.Do(req.WithContext(context.Background()))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_ = s.db.QueryRowContext(tctx, "SELECT 1 WHERE id = $1", id).Err()
	return exec.CommandContext(ctx, "true").Run()
}

func refresh%[1]d(s *server) {
	_ = s.lookup%[1]d(context.Background(), %[1]d)
	var wg sync.WaitGroup
	for j := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = s.db.Exec("UPDATE t%[1]d SET n = $1", j)
		}()
	}
	wg.Wait()
}
`, i)
	}
	return b.String()
}
