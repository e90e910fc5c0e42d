package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Exit code with which @pulumi/pulumi's runner says "the user already saw an
// actionable error message"; the engine should then stop without adding its
// own "program failed" noise.
const exitAfterUserMessage = 32

// Entry scripts shipped inside the @pulumi/pulumi npm package.
const (
	runScript          = "@pulumi/pulumi/cmd/run"
	runPluginScript    = "@pulumi/pulumi/cmd/run-plugin"
	runPolicyScript    = "@pulumi/pulumi/cmd/run-policy-pack"
	envRunPathOverride = "PULUMI_LANGUAGE_NODEJS_RUN_PATH"
)

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	defaults      hostFlags
}

func newHost(engineAddress string, defaults hostFlags) *host {
	return &host{engineAddress: engineAddress, defaults: defaults}
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml / PulumiPolicy.yaml
// that matter to us.
type runtimeOptions struct {
	typescript     bool
	tsconfig       string
	nodeargs       []string
	packageManager string
}

func (h *host) options(info *pulumirpc.ProgramInfo) runtimeOptions {
	o := runtimeOptions{
		typescript: h.defaults.typescript,
		tsconfig:   h.defaults.tsconfig,
		nodeargs:   strings.Fields(h.defaults.nodeargs),
	}
	if info == nil || info.GetOptions() == nil {
		return o
	}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"].(bool); ok {
		o.typescript = v
	}
	if v, ok := m["tsconfig"].(string); ok && v != "" {
		o.tsconfig = v
	}
	if v, ok := m["nodeargs"].(string); ok && v != "" {
		o.nodeargs = strings.Fields(v)
	}
	if v, ok := m["packagemanager"].(string); ok {
		o.packageManager = v
	}
	return o
}

// programDir returns the directory a request is about, preferring the
// structured ProgramInfo over the legacy string fields.
func programDir(info *pulumirpc.ProgramInfo, fallback string) string {
	if info != nil && info.GetProgramDirectory() != "" {
		return info.GetProgramDirectory()
	}
	if fallback != "" {
		return fallback
	}
	wd, _ := os.Getwd()
	return wd
}

func nodeExecutable() (string, error) {
	p, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("could not find `node` on PATH: %w", err)
	}
	return p, nil
}

// resolveModule asks node which file `spec` resolves to when required from a
// module located in dir. This finds the @pulumi/pulumi the program (or policy
// pack) itself depends on, wherever its node_modules lives.
func resolveModule(ctx context.Context, nodeBin, spec, dir string) (string, error) {
	script := `process.stdout.write(require.resolve(process.argv[1], {paths: [process.argv[2]]}))`
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script, spec, dir)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot resolve %s from %s (is @pulumi/pulumi installed? run npm install): %v: %s",
			spec, dir, err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

func (h *host) scriptPath(ctx context.Context, nodeBin, defaultSpec, dir string) (string, error) {
	spec := defaultSpec
	if defaultSpec == runScript {
		if override := os.Getenv(envRunPathOverride); override != "" {
			spec = override
		}
	}
	return resolveModule(ctx, nodeBin, spec, dir)
}

// typescriptEnv returns the environment entries through which
// @pulumi/pulumi's runner learns about TypeScript settings.
func typescriptEnv(o runtimeOptions) []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}

// terminateGently makes a context-cancelled child get SIGTERM first and only
// be killed if it has not exited a few seconds later.
func terminateGently(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 5 * time.Second
}

func (h *host) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// Run executes a Pulumi program: `node [nodeargs] <cmd/run> <flags> <entry> [args]`.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	nodeBin, err := nodeExecutable()
	if err != nil {
		return nil, err
	}
	dir := programDir(req.GetInfo(), req.GetPwd())
	opts := h.options(req.GetInfo())

	script, err := h.scriptPath(ctx, nodeBin, runScript, dir)
	if err != nil {
		// Reported like a program failure so the user sees the hint.
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	cfg := req.GetConfig()
	if cfg == nil {
		cfg = map[string]string{}
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("encoding config: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("encoding secret config keys: %w", err)
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, script)
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("stack", req.GetStack())
	flag("pwd", dir)
	if root := req.GetInfo().GetRootDirectory(); root != "" {
		flag("root-directory", root)
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		flag("parallel", fmt.Sprint(req.GetParallel()))
	}
	flag("tracing", h.defaults.tracing)
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram()
	}
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(cfgJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretJSON),
	)
	env = append(env, typescriptEnv(opts)...)

	logging.V(5).Infof("launching %s %s", nodeBin, strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, nodeBin, args...)
	terminateGently(cmd)
	cmd.Dir = dir
	cmd.Env = env
	// The engine captures our stdout/stderr and shows it as program output.
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr

	runErr := cmd.Run()
	_ = os.Stdout.Sync()
	_ = os.Stderr.Sync()
	if runErr == nil {
		return &pulumirpc.RunResponse{}, nil
	}
	var exitErr *exec.ExitError
	if errors.As(runErr, &exitErr) {
		switch code := exitErr.ExitCode(); code {
		case exitAfterUserMessage:
			return &pulumirpc.RunResponse{Bail: true}, nil
		case -1:
			return &pulumirpc.RunResponse{Error: "the Node.js program was terminated: " + exitErr.Error()}, nil
		default:
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}, nil
		}
	}
	return &pulumirpc.RunResponse{Error: "could not run node: " + runErr.Error()}, nil
}

// RunPlugin starts a plugin written in Node.js: a policy pack (kind
// "analyzer") or a provider/tool plugin. The engine reads the plugin's port
// from the streamed stdout, exactly as it would for a plugin binary, and
// cancels the stream when it is done with the plugin.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, stream pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := stream.Context()
	nodeBin, err := nodeExecutable()
	if err != nil {
		return err
	}
	dir := programDir(req.GetInfo(), req.GetPwd())
	opts := h.options(req.GetInfo())

	// The engine's arguments end with its own address; anything before it is
	// logging/tracing flags meant for binary plugins, which the Node runners
	// do not understand.
	engine := h.engineAddress
	if a := req.GetArgs(); len(a) > 0 {
		engine = a[len(a)-1]
	}
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}

	args := append([]string{}, opts.nodeargs...)
	switch req.GetKind() {
	case "analyzer":
		script, err := h.scriptPath(ctx, nodeBin, runPolicyScript, dir)
		if err != nil {
			return err
		}
		// run-policy-pack <engine-address> <program>
		args = append(args, script, engine, entry)
	default:
		script, err := h.scriptPath(ctx, nodeBin, runPluginScript, dir)
		if err != nil {
			return err
		}
		// run-plugin <program> <plugin args...>
		args = append(args, script, entry, engine)
	}

	env := req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	env = append(append([]string{}, env...), typescriptEnv(opts)...)

	out := newStreamWriters(stream)
	logging.V(5).Infof("launching plugin %s %s in %s", nodeBin, strings.Join(args, " "), dir)
	cmd := exec.CommandContext(ctx, nodeBin, args...)
	terminateGently(cmd)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = out.stdout()
	cmd.Stderr = out.stderr()

	runErr := cmd.Run()
	code := 0
	if runErr != nil {
		var exitErr *exec.ExitError
		if !errors.As(runErr, &exitErr) {
			return fmt.Errorf("running plugin with node: %w", runErr)
		}
		code = exitErr.ExitCode()
	}
	if ctx.Err() != nil {
		// The engine hung up; nobody is listening for the exit code.
		return nil
	}
	return out.send(&pulumirpc.RunPluginResponse{
		Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)},
	})
}

// GetRequiredPackages reports the Pulumi resource plugins that the direct
// npm dependencies of the program declare (package.json "pulumi.resource").
func (h *host) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := pulumiPluginDependencies(programDir(req.GetInfo(), ""))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages.
func (h *host) GetRequiredPlugins(
	_ context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	deps, err := pulumiPluginDependencies(programDir(req.GetInfo(), req.GetPwd()))
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, d := range deps {
		plugins = append(plugins, &pulumirpc.PluginDependency{
			Name: d.GetName(), Kind: d.GetKind(), Version: d.GetVersion(), Server: d.GetServer(),
		})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

func (h *host) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	deps, err := installedDependencies(programDir(req.GetInfo(), req.GetPwd()))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := nodeExecutable()
	if err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}, nil
}

// InstallDependencies runs the project's package manager (npm unless the
// "packagemanager" option or a lock file says otherwise) in the program
// directory, streaming its output back to the engine.
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, stream pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	dir := programDir(req.GetInfo(), req.GetDirectory())
	pm := choosePackageManager(dir, h.options(req.GetInfo()).packageManager)
	bin, err := exec.LookPath(pm)
	if err != nil {
		return fmt.Errorf("could not find %s on PATH: %w", pm, err)
	}
	out := newInstallWriters(stream)
	cmd := exec.CommandContext(stream.Context(), bin, "install")
	terminateGently(cmd)
	cmd.Dir = dir
	cmd.Stdout = out.stdout()
	cmd.Stderr = out.stderr()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s install in %s failed: %w", pm, dir, err)
	}
	return nil
}

func choosePackageManager(dir, configured string) string {
	switch configured {
	case "npm", "yarn", "pnpm", "bun":
		return configured
	}
	for _, c := range []struct{ lock, pm string }{
		{"pnpm-lock.yaml", "pnpm"}, {"yarn.lock", "yarn"}, {"bun.lockb", "bun"}, {"bun.lock", "bun"},
	} {
		if _, err := os.Stat(filepath.Join(dir, c.lock)); err == nil {
			return c.pm
		}
	}
	return "npm"
}
