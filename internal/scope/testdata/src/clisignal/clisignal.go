// Package clisignal runs its command with a context a signal cancels.
package clisignal

import (
	"context"
	"os"
	"os/signal"

	"github.com/urfave/cli/v3"
)

func probe() {}

var root = &cli.Command{
	Action: func(ctx context.Context, cmd *cli.Command) error {
		probe() // want "ctx cancellable"
		return nil
	},
}

func Main() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return root.Run(ctx, os.Args)
}
