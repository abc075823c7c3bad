// Package cli is a stub of github.com/urfave/cli/v3.
package cli

import "context"

type ActionFunc func(context.Context, *Command) error

type Command struct {
	Name     string
	Action   ActionFunc
	Commands []*Command
}

func (c *Command) Run(ctx context.Context, args []string) error { return c.Action(ctx, c) }
