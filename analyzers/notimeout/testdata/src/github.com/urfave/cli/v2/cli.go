// Package cli is a stub of github.com/urfave/cli/v2.
package cli

type Flag interface{}

type StringFlag struct {
	Name  string
	Value string
	Usage string
}

type Context struct{}

func (c *Context) String(name string) string { return "" }

type Command struct {
	Name   string
	Flags  []Flag
	Action func(*Context) error
}
