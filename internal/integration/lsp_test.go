//go:build integration

package integration

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// lspClient drives a language server over stdio with JSON-RPC 2.0: just
// what the gopls tests need. It answers the server's requests itself
// (workspace/configuration with settings, null to everything else) and
// keeps the diagnostics the server publishes.
type lspClient struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *lockedBuffer

	mu       sync.Mutex
	nextID   int
	pending  map[int]chan response
	settings map[string]any          // the "gopls" section, as workspace/configuration returns it
	diags    map[string][]diagnostic // latest published per document URI
	updated  chan struct{}           // closed and replaced at every publish
	closed   bool
}

type response struct {
	Result json.RawMessage
	Error  *struct {
		Code    int
		Message string
	}
}

type position struct {
	Line      int `json:"line"`
	Character int `json:"character"` // UTF-16 units; the example is ASCII
}

type lspRange struct {
	Start position `json:"start"`
	End   position `json:"end"`
}

type diagnostic struct {
	Range    lspRange `json:"range"`
	Severity int      `json:"severity,omitempty"`
	Source   string   `json:"source,omitempty"`
	Message  string   `json:"message"`
	Data     any      `json:"data,omitempty"` // gopls's, handed back in codeAction
}

type textEdit struct {
	Range   lspRange `json:"range"`
	NewText string   `json:"newText"`
}

// startLSP starts server (the argv of a language server on stdio) in dir
// and initializes it with dir as its only workspace folder.
func startLSP(t *testing.T, dir string, settings map[string]any, server ...string) *lspClient {
	t.Helper()
	c := &lspClient{
		t: t, stderr: new(lockedBuffer), pending: map[int]chan response{},
		settings: settings, diags: map[string][]diagnostic{}, updated: make(chan struct{}),
	}
	c.cmd = exec.Command(server[0], server[1:]...)
	c.cmd.Dir = dir
	c.cmd.Stderr = c.stderr
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go c.readLoop(bufio.NewReader(stdout))
	t.Cleanup(c.shutdown)

	root := fileURI(dir)
	c.call("initialize", map[string]any{
		"processId":        nil,
		"rootUri":          root,
		"workspaceFolders": []any{map[string]any{"uri": root, "name": "shop"}},
		"capabilities": map[string]any{
			"workspace": map[string]any{
				"configuration":          true,
				"didChangeConfiguration": map[string]any{"dynamicRegistration": false},
				"workspaceEdit":          map[string]any{"documentChanges": true},
			},
			"textDocument": map[string]any{
				"publishDiagnostics": map[string]any{"relatedInformation": true},
				"codeAction": map[string]any{"codeActionLiteralSupport": map[string]any{
					"codeActionKind": map[string]any{"valueSet": []string{"quickfix", "refactor", "source"}},
				}},
			},
		},
	}, nil)
	c.notify("initialized", map[string]any{})
	return c
}

// call sends a request and decodes its result into result (unless nil).
// It fails the test when no response comes within a minute.
func (c *lspClient) call(method string, params, result any) {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan response, 1)
	c.pending[id] = ch
	c.mu.Unlock()
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	select {
	case resp := <-ch:
		if resp.Error != nil {
			c.t.Fatalf("%s: error %d: %s", method, resp.Error.Code, resp.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(resp.Result, result); err != nil {
				c.t.Fatalf("%s: result %s: %v", method, resp.Result, err)
			}
		}
	case <-time.After(time.Minute):
		c.t.Fatalf("no response to %s within a minute; server stderr:\n%s", method, c.stderr.tail())
	}
}

func (c *lspClient) notify(method string, params any) {
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

func (c *lspClient) send(msg any) {
	body, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	fmt.Fprintf(c.stdin, "Content-Length: %d\r\n\r\n%s", len(body), body)
}

// readLoop reads the server's messages until its stdout closes.
func (c *lspClient) readLoop(r *bufio.Reader) {
	tp := textproto.NewReader(r)
	for {
		header, err := tp.ReadMIMEHeader()
		if err != nil {
			return
		}
		n, err := strconv.Atoi(header.Get("Content-Length"))
		if err != nil {
			return
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var msg struct {
			ID     *json.RawMessage
			Method string
			Params json.RawMessage
			response
		}
		if json.Unmarshal(body, &msg) != nil {
			continue
		}
		switch {
		case msg.Method != "" && msg.ID != nil: // a request from the server
			var result any
			if msg.Method == "workspace/configuration" {
				result = c.configuration(msg.Params)
			}
			c.send(map[string]any{"jsonrpc": "2.0", "id": msg.ID, "result": result})
		case msg.Method == "textDocument/publishDiagnostics":
			var p struct {
				URI         string
				Diagnostics []diagnostic
			}
			if json.Unmarshal(msg.Params, &p) == nil {
				c.mu.Lock()
				c.diags[p.URI] = p.Diagnostics
				close(c.updated)
				c.updated = make(chan struct{})
				c.mu.Unlock()
			}
		case msg.ID != nil: // a response
			var id int
			if json.Unmarshal(*msg.ID, &id) == nil {
				c.mu.Lock()
				ch := c.pending[id]
				delete(c.pending, id)
				c.mu.Unlock()
				if ch != nil {
					ch <- msg.response
				}
			}
		}
	}
}

// configuration answers workspace/configuration: the settings for every
// item asked for.
func (c *lspClient) configuration(params json.RawMessage) []any {
	var p struct{ Items []any }
	_ = json.Unmarshal(params, &p)
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]any, len(p.Items))
	for i := range out {
		out[i] = c.settings
	}
	return out
}

// configure replaces the settings and tells the server, which then asks
// for them through workspace/configuration.
func (c *lspClient) configure(settings map[string]any) {
	c.mu.Lock()
	c.settings = settings
	c.mu.Unlock()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": nil})
}

// waitDiagnostics waits until ok holds for the diagnostics published so
// far (by document URI) and returns them; after timeout it fails the test
// with want, what did not arrive, and what did.
func (c *lspClient) waitDiagnostics(timeout time.Duration, want string, ok func(map[string][]diagnostic) bool) map[string][]diagnostic {
	c.t.Helper()
	start := time.Now()
	deadline := time.After(timeout)
	for {
		c.mu.Lock()
		snapshot := make(map[string][]diagnostic, len(c.diags))
		for uri, d := range c.diags {
			snapshot[uri] = d
		}
		updated := c.updated
		c.mu.Unlock()
		if ok(snapshot) {
			c.t.Logf("%s: after %.1fs", strings.SplitN(want, "\n", 2)[0], time.Since(start).Seconds())
			return snapshot
		}
		select {
		case <-updated:
		case <-deadline:
			var got strings.Builder
			for uri, ds := range snapshot {
				for _, d := range ds {
					fmt.Fprintf(&got, "\n  %s:%d:%d %s: %s", uri[strings.LastIndex(uri, "/")+1:], d.Range.Start.Line+1, d.Range.Start.Character+1, d.Source, d.Message)
				}
			}
			c.t.Fatalf("no %s within %v; published:%s\nserver stderr:\n%s", want, timeout, got.String(), c.stderr.tail())
		}
	}
}

// shutdown asks the server to exit, and kills it if it does not within
// ten seconds.
func (c *lspClient) shutdown() {
	done := make(chan struct{})
	go func() {
		c.mu.Lock()
		c.nextID++
		id := c.nextID
		c.mu.Unlock()
		c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": "shutdown"})
		c.send(map[string]any{"jsonrpc": "2.0", "method": "exit"})
		c.mu.Lock()
		c.closed = true
		c.stdin.Close()
		c.mu.Unlock()
		c.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		c.cmd.Process.Kill()
		<-done
	}
}

func fileURI(path string) string { return "file://" + path }

// lockedBuffer collects a process's stderr while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// tail returns the last few KB written, enough for a failure message.
func (b *lockedBuffer) tail() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	if len(s) > 4000 {
		s = "..." + s[len(s)-4000:]
	}
	return s
}
