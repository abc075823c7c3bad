// Package ffcli is a stub of github.com/peterbourgon/ff/v3/ffcli.
package ffcli

import "context"

type Command struct {
	Name        string
	Exec        func(ctx context.Context, args []string) error
	Subcommands []*Command
}

func (c *Command) ParseAndRun(ctx context.Context, args []string) error { return c.Exec(ctx, args) }
