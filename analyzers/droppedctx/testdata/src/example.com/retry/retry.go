// Package retry runs the function it is given a few times, with the
// context it is given: what it waits for is what that function does.
package retry

import "context"

func Do(ctx context.Context, fn func(context.Context) error) error {
	var err error
	for range 3 {
		if err = fn(ctx); err == nil || ctx.Err() != nil {
			return err
		}
	}
	return err
}
