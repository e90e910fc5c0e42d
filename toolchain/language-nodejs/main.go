// Command pulumi-language-nodejs is a small Node.js language host for the
// Pulumi engine, written for this repository (see toolchain/README.md for why
// it exists). The engine starts it as a plugin: it prints the port of its gRPC
// server on the first line of stdout and then serves the LanguageRuntime
// service until the engine goes away.
//
// It implements what this project needs from a Node.js host:
//
//   - Run: execute a Pulumi program with @pulumi/pulumi/cmd/run
//   - RunPlugin: execute Node.js policy packs (cmd/run-policy-pack) and
//     Node.js provider plugins (cmd/run-plugin)
//   - GetRequiredPackages / GetRequiredPlugins, GetProgramDependencies,
//     About, InstallDependencies, GetPluginInfo, Handshake
//
// Code generation (GenerateProgram/Project/Package), Pack and Link are not
// implemented; the engine reports codes.Unimplemented for those to the user.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	if err := serve(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

// hostFlags are the command line settings the engine (or a user, for the
// legacy per-runtime options) may pass. Runtime options from Pulumi.yaml
// normally arrive per request in ProgramInfo.Options; the flags remain as a
// fallback so older invocations keep working.
type hostFlags struct {
	tracing     string
	logToStderr bool
	logFlow     bool
	verbose     int
	root        string
	typescript  bool
	tsconfig    string
	nodeargs    string
}

func parseFlags(args []string) (hostFlags, []string, error) {
	var f hostFlags
	fs := flag.NewFlagSet("pulumi-language-nodejs", flag.ContinueOnError)
	fs.StringVar(&f.tracing, "tracing", "", "tracing endpoint to report spans to")
	fs.BoolVar(&f.logToStderr, "logtostderr", false, "write logs to stderr")
	fs.BoolVar(&f.logFlow, "logflow", false, "flow log settings to child processes")
	fs.IntVar(&f.verbose, "v", 0, "log verbosity")
	fs.StringVar(&f.root, "root", "", "project root (ignored; kept for compatibility)")
	fs.BoolVar(&f.typescript, "typescript", true, "default for the 'typescript' runtime option")
	fs.StringVar(&f.tsconfig, "tsconfig", "", "default for the 'tsconfig' runtime option")
	fs.StringVar(&f.nodeargs, "nodeargs", "", "default for the 'nodeargs' runtime option")
	if err := fs.Parse(args); err != nil {
		return f, nil, err
	}
	return f, fs.Args(), nil
}

func serve(argv []string) error {
	flags, rest, err := parseFlags(argv)
	if err != nil {
		return err
	}
	logging.InitLogging(flags.logToStderr, flags.verbose, flags.logFlow)
	cmdutil.InitTracing("pulumi-language-nodejs", "pulumi-language-nodejs", flags.tracing)

	// The engine passes its own address as the last positional argument.
	engineAddress := ""
	if len(rest) > 0 {
		engineAddress = rest[len(rest)-1]
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// Stop serving once the engine stops answering health checks, so that an
	// engine that died without cleaning up does not leave us running.
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel); err != nil {
			return fmt.Errorf("starting engine health check: %w", err)
		}
	}
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stop)
	}()

	h := newHost(engineAddress, flags)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(s, h)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		return fmt.Errorf("starting gRPC server: %w", err)
	}

	// The engine reads exactly one line: our port.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		return fmt.Errorf("gRPC server stopped: %w", err)
	}
	return nil
}
