// Package dl has a client that reads small responses and one that streams
// downloads: the advice differs.
package dl

import (
	"encoding/xml"
	"io"
	"net/http"
)

var feeds = &http.Client{} // want `http.Client in feeds has no Timeout and Get at dl.go:\d+ sends without a deadline, so the request hangs as long as the peer does; set Timeout`

func poll(url string) (any, error) {
	resp, err := feeds.Get(url)
	if err != nil {
		return nil, err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body) // drained for reuse, not handed on
		_ = resp.Body.Close()
	}()
	var v any
	return v, xml.NewDecoder(resp.Body).Decode(&v)
}

var mirror = &http.Client{} // want `http.Client in mirror has no Timeout and Get at dl.go:\d+ hands on a response body without a deadline, so a peer that stops answering hangs it forever; set the Transport's ResponseHeaderTimeout and dial and TLS handshake timeouts \(a whole-request Timeout would cut off long downloads\)`

func download(url string, w io.Writer) error {
	resp, err := mirror.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

type downloader struct{ hc *http.Client }

func newDownloader() *downloader {
	return &downloader{hc: &http.Client{Transport: roundTripperFunc(http.DefaultTransport.RoundTrip)}} // want `http.Client in downloader.hc has no Timeout`
}

func (d *downloader) get(url string) { _, _ = d.hc.Get(url) }
