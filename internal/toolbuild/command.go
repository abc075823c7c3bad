package toolbuild

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// Main is the main function of a builder command (buildgcl, buildgopls):
// it builds with build into bin/<binary> of the conclint checkout it runs
// in, with the tool's version given by versionFlag, and prints the path.
func Main(command, versionFlag, defaultVersion, binary string, build func(Options) (Binary, error)) {
	fail := func(err error) {
		fmt.Fprintf(os.Stderr, "%s: %v\n", command, err)
		os.Exit(1)
	}
	root, err := ModuleRoot()
	if err != nil {
		fail(err)
	}
	opts := Options{Root: root, Log: os.Stderr}
	flag.StringVar(&opts.Version, versionFlag, defaultVersion, "version of the tool to build")
	flag.StringVar(&opts.Output, "o", filepath.Join(root, "bin", binary), "output binary")
	flag.StringVar(&opts.WorkDir, "work", WorkDir(command), "scratch directory for the tool's source")
	flag.BoolVar(&opts.Force, "force", false, "rebuild even if the binary is up to date")
	flag.Parse()
	bin, err := build(opts)
	if err != nil {
		fail(err)
	}
	fmt.Println(bin.Path)
}
