// Package wait is a stub of k8s.io/apimachinery/pkg/util/wait, shaped as
// it is: the loop waits on a timer behind an interface.
package wait

import (
	"context"
	"time"
)

type ConditionWithContextFunc func(context.Context) (bool, error)

type Timer interface {
	C() <-chan time.Time
	Stop()
}

type ticker struct{ t *time.Ticker }

func (t ticker) C() <-chan time.Time { return t.t.C }
func (t ticker) Stop()               { t.t.Stop() }

// PollUntilContextCancel runs condition every interval until it is done
// or ctx is.
func PollUntilContextCancel(ctx context.Context, interval time.Duration, immediate bool, condition ConditionWithContextFunc) error {
	return loopConditionUntilContext(ctx, ticker{time.NewTicker(interval)}, immediate, condition)
}

// PollUntilContextTimeout runs condition every interval for at most
// timeout.
func PollUntilContextTimeout(ctx context.Context, interval, timeout time.Duration, immediate bool, condition ConditionWithContextFunc) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return PollUntilContextCancel(ctx, interval, immediate, condition)
}

func loopConditionUntilContext(ctx context.Context, t Timer, immediate bool, condition ConditionWithContextFunc) error {
	defer t.Stop()
	doneCh := ctx.Done()
	for {
		select {
		case <-doneCh:
			return ctx.Err()
		case <-t.C():
		}
		if ok, err := condition(ctx); ok || err != nil {
			return err
		}
	}
}
