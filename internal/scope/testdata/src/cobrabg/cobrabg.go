// Package cobrabg runs its command with Execute: cobra gives it Background.
package cobrabg

import (
	"context"

	"github.com/spf13/cobra"
)

var _ context.Context

func probe() {}

func start(cmd *cobra.Command, args []string) {
	probe() // want "cmd.Context\\(\\) not cancellable"
	ctx := cmd.Context()
	probe() // want "ctx not cancellable"
	_ = ctx
}

func Main(root *cobra.Command) { _ = root.Execute() }
