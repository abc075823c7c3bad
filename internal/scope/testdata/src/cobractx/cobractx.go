// Package cobractx runs its command with a context of its own.
package cobractx

import (
	"context"

	"github.com/spf13/cobra"
)

func probe() {}

func start(cmd *cobra.Command, args []string) {
	probe() // want "cmd.Context\\(\\) cancellable"
}

func Main(ctx context.Context, root *cobra.Command) { _ = root.ExecuteContext(ctx) }
