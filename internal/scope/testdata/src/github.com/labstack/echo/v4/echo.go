// Package echo is a minimal stub of github.com/labstack/echo/v4 for tests.
package echo

import "net/http"

type Context interface {
	Request() *http.Request
	String(code int, s string) error
}
