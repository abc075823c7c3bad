package driver

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// progressEnv names the file each vet tool process appends a byte to when
// it starts analysing a package (not when it only computes facts for a
// dependency), so that the conclint process that started go vet can count.
const progressEnv = "CONCLINT_PROGRESS_FILE"

// noteProgress records, in a vet tool process, that a package is started.
func noteProgress() {
	name := os.Getenv(progressEnv)
	if name == "" {
		return
	}
	if f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0); err == nil {
		f.Write([]byte{'.'})
		f.Close()
	}
}

// wantsProgress reports whether to show progress: -progress, or stderr
// is a terminal.
func wantsProgress(o *options) bool {
	if o.progress {
		return true
	}
	fi, err := os.Stderr.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progress shows "conclint: N of M packages" on stderr while go vet runs,
// once the run has taken more than a second and a half: rewritten in place
// on a terminal, otherwise a line when the count changed, at most every
// five seconds.
type progress struct {
	file  string
	total chan int
	done  chan struct{}
	out   io.Writer
	tty   bool
}

// startProgress prepares the file the vet tools count in and names it in
// the environment go vet passes on to them; nil when no progress is shown.
func startProgress(o *options, stderr io.Writer) *progress {
	if !wantsProgress(o) {
		return nil
	}
	f, err := os.CreateTemp("", "conclint-progress")
	if err != nil {
		return nil
	}
	f.Close()
	fi, _ := os.Stderr.Stat()
	p := &progress{file: f.Name(), total: make(chan int, 1), done: make(chan struct{}), out: stderr,
		tty: stderr == io.Writer(os.Stderr) && fi != nil && fi.Mode()&os.ModeCharDevice != 0}
	go func() { p.total <- countPackages(o) }()
	go p.loop()
	os.Setenv(progressEnv, p.file)
	return p
}

func (p *progress) loop() {
	start := time.Now()
	total := -1
	var last time.Time
	var lastMsg string
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.done:
			return
		case total = <-p.total:
		case now := <-tick.C:
			if now.Sub(start) < 1500*time.Millisecond || (!p.tty && now.Sub(last) < 5*time.Second) {
				continue
			}
			last = now
			fi, err := os.Stat(p.file)
			if err != nil {
				continue
			}
			msg := fmt.Sprintf("conclint: %d packages analysed", fi.Size())
			if total > 0 {
				msg = fmt.Sprintf("conclint: %d of %d packages analysed", min(int(fi.Size()), total), total)
			}
			switch {
			case p.tty:
				fmt.Fprintf(p.out, "\r\033[K%s", msg)
			case msg != lastMsg:
				fmt.Fprintln(p.out, msg)
			}
			lastMsg = msg
		}
	}
}

// stop ends the progress display and clears its line.
func (p *progress) stop() {
	if p == nil {
		return
	}
	close(p.done)
	os.Unsetenv(progressEnv)
	if p.tty {
		fmt.Fprint(p.out, "\r\033[K")
	}
	os.Remove(p.file)
}

// countPackages returns how many packages go vet will analyse: each
// package once, plus its external test package; with -test=false, the
// packages with files other than tests (see notest.go).
func countPackages(o *options) int {
	args := append(append([]string{"list", "-e"}, o.buildFlags()...), "-f", "{{len .XTestGoFiles}} {{len .GoFiles}} {{len .CgoFiles}}")
	out, err := exec.Command("go", append(args, o.patterns...)...).Output()
	if err != nil {
		return -1
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			continue
		}
		switch {
		case o.analysesTests():
			n++
			if f[0] != "0" {
				n++
			}
		case f[1] != "0" || f[2] != "0":
			n++
		}
	}
	return n
}
