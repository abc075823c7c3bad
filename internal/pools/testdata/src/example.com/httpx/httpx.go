// Package httpx builds clients for other packages.
package httpx

import (
	"net/http"
	"time"
)

// NewClient builds a client with its own pool on every call.
func NewClient() *http.Client { // want NewClient:"makes http.Transport"
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 10}, Timeout: 5 * time.Second}
}

// NewTimed builds one whose idle connections close by themselves.
func NewTimed() *http.Client { // want NewTimed:"makes http.Transport, closing idle connections"
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}
}

// Near miss: a transport that pools nothing.
func NewOneShot() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

var shared = &http.Client{Transport: &http.Transport{}}

// Near miss: the same client every time.
func Shared() *http.Client { return shared }
