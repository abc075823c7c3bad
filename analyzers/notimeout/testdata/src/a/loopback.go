package a

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
)

type pprofConfig struct {
	Host string
	Port int
}

// A debug server whose host defaults to loopback when unset: exposing it
// is the operator's explicit choice.
func pprofDefault(cfg pprofConfig) {
	host := cfg.Host
	if host == "" {
		host = "localhost"
	}
	hostPort := net.JoinHostPort(host, strconv.Itoa(cfg.Port))
	go func() {
		http.ListenAndServe(hostPort, nil) // ok: loopback by default
	}()
}

func pprofSprintf(cfg pprofConfig) error {
	host := cfg.Host
	if host == "" {
		host = "127.0.0.1"
	}
	srv := &http.Server{Addr: fmt.Sprintf("%s:%d", host, cfg.Port)} // ok: loopback by default
	return srv.ListenAndServe()
}

func joinLoopback(port string) {
	go http.ListenAndServe(net.JoinHostPort("::1", port), nil) // ok: loopback only
}

// Near misses: a default on every interface, no default, a host chosen
// on some other condition.

func pprofAllInterfaces(cfg pprofConfig) {
	host := cfg.Host
	if host == "" {
		host = "0.0.0.0"
	}
	go http.ListenAndServe(net.JoinHostPort(host, strconv.Itoa(cfg.Port)), nil) // want `http.ListenAndServe cannot set timeouts`
}

func pprofNoDefault(cfg pprofConfig) {
	go http.ListenAndServe(net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)), nil) // want `http.ListenAndServe cannot set timeouts`
}

func pprofDebugOnly(cfg pprofConfig, debug bool) {
	host := cfg.Host
	if debug {
		host = "localhost"
	}
	go http.ListenAndServe(fmt.Sprintf("%s:%d", host, cfg.Port), nil) // want `http.ListenAndServe cannot set timeouts`
}

func pprofReassigned(cfg pprofConfig) {
	host := cfg.Host
	if host == "" {
		host = "localhost"
	}
	addr := net.JoinHostPort(host, strconv.Itoa(cfg.Port))
	addr = cfg.Host + ":80"
	go http.ListenAndServe(addr, nil) // want `http.ListenAndServe cannot set timeouts`
}

func pprofFormatted(port int) {
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	go http.ListenAndServe(addr, nil) // ok: the format names the loopback host
}

func pprofFormattedAnyHost(port int) {
	addr := fmt.Sprintf("0.0.0.0:%d", port)
	go http.ListenAndServe(addr, nil) // want `http.ListenAndServe cannot set timeouts`
}
