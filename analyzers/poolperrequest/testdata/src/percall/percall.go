// Package percall is checked with the default options: a pool per call
// of a function is reported only with -poolperrequest.call.
package percall

import "net/http"

// Near miss by default: whoever calls sendReport, maybe once a day, gets a
// new Transport; only -poolperrequest.call reports it.
func sendReport(url string) error {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Report(url string) error { return sendReport(url) }

// A Transport built per request is reported by default.
func Handle(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{}} // want `http.Transport built per request`
	resp, err := c.Get("http://backend/")
	if err == nil {
		resp.Body.Close()
	}
}
