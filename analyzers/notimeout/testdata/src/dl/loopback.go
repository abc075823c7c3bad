package dl

import (
	"fmt"
	"net/http"
)

// Requests to the program's own admin port stay on this machine.
var admin = &http.Client{}

func quit(port int) error {
	addr := fmt.Sprintf("http://127.0.0.1:%d/quitquitquit", port)
	req, err := http.NewRequest(http.MethodPost, addr, nil)
	if err != nil {
		return err
	}
	resp, err := admin.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func healthy() bool {
	resp, err := admin.Get("http://localhost:8080/healthz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// Near miss: the same request to a host the caller names.
var remote = &http.Client{} // want `http.Client in remote has no Timeout and Do at loopback.go:\d+ sends without a deadline`

func quitAt(host string, port int) error {
	addr := fmt.Sprintf("http://%s:%d/quitquitquit", host, port)
	req, err := http.NewRequest(http.MethodPost, addr, nil)
	if err != nil {
		return err
	}
	resp, err := remote.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
