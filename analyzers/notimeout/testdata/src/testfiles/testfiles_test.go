package testfiles

import (
	"net/http"
	"time"
)

func serve(mux *http.ServeMux) error {
	return http.ListenAndServe(":8080", mux) // want `http.ListenAndServe cannot set timeouts`
}

func nearMiss(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: time.Second}
	return srv.ListenAndServe()
}
