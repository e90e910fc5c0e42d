package main

import (
	"io"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// A gRPC server stream must not be written from two goroutines at once, but
// exec.Cmd copies a child's stdout and stderr concurrently. These writers
// serialise all sends on one stream behind a mutex.

type lockedSender[T any] struct {
	mu   sync.Mutex
	send func(*T) error
}

func (l *lockedSender[T]) sendMsg(m *T) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.send(m)
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// chunk copies p: the caller may reuse its buffer once Write returns, while
// the message may still be queued for sending.
func chunk(p []byte) []byte { return append([]byte(nil), p...) }

type pluginWriters struct {
	l *lockedSender[pulumirpc.RunPluginResponse]
}

func newStreamWriters(s pulumirpc.LanguageRuntime_RunPluginServer) *pluginWriters {
	return &pluginWriters{l: &lockedSender[pulumirpc.RunPluginResponse]{send: s.Send}}
}

func (w *pluginWriters) send(m *pulumirpc.RunPluginResponse) error { return w.l.sendMsg(m) }

func (w *pluginWriters) stdout() io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		msg := &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: chunk(p)}}
		if err := w.send(msg); err != nil {
			return 0, err
		}
		return len(p), nil
	})
}

func (w *pluginWriters) stderr() io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		msg := &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: chunk(p)}}
		if err := w.send(msg); err != nil {
			return 0, err
		}
		return len(p), nil
	})
}

type installWriters struct {
	l *lockedSender[pulumirpc.InstallDependenciesResponse]
}

func newInstallWriters(s pulumirpc.LanguageRuntime_InstallDependenciesServer) *installWriters {
	return &installWriters{l: &lockedSender[pulumirpc.InstallDependenciesResponse]{send: s.Send}}
}

func (w *installWriters) stdout() io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		if err := w.l.sendMsg(&pulumirpc.InstallDependenciesResponse{Stdout: chunk(p)}); err != nil {
			return 0, err
		}
		return len(p), nil
	})
}

func (w *installWriters) stderr() io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		if err := w.l.sendMsg(&pulumirpc.InstallDependenciesResponse{Stderr: chunk(p)}); err != nil {
			return 0, err
		}
		return len(p), nil
	})
}
