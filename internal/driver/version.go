package driver

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
)

// Version is conclint's version: the module version the binary was built
// from (go install ...@v1.2.3, or a pseudo-version from the VCS stamp of a
// clone), else "devel". SARIF's driver version says the same.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel " + s.Value[:12]
		}
	}
	return "devel"
}

// printVersion prints "conclint version V goX.Y OS/ARCH". full adds the
// build ID of this executable, which go vet and go fix read (-V=full) to
// key their cache: "conclint version V ... buildID=HASH".
func printVersion(w io.Writer, full bool) int {
	line := fmt.Sprintf("conclint version %s %s %s/%s", Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if full {
		id, err := executableHash()
		if err != nil {
			fmt.Fprintf(os.Stderr, "conclint: %v\n", err)
			return 1
		}
		line += " buildID=" + id
	}
	fmt.Fprintln(w, line)
	return 0
}

func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}
