package cobra

import "context"

type Command struct{ ctx context.Context }

func (c *Command) Context() context.Context { return c.ctx }

func (c *Command) ExecuteContext(ctx context.Context) error { c.ctx = ctx; return nil }

func (c *Command) Execute() error { return nil }
