package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// manifest is the part of a package.json this host reads.
type manifest struct {
	Name                 string            `json:"name"`
	Version              string            `json:"version"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	Pulumi               *struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

func readManifest(path string) (*manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	return &m, nil
}

// nearestManifest walks up from dir to the closest package.json.
func nearestManifest(dir string) (string, *manifest, error) {
	for d := filepath.Clean(dir); ; {
		p := filepath.Join(d, "package.json")
		m, err := readManifest(p)
		if err == nil {
			return d, m, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", nil, err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil, nil
		}
		d = parent
	}
}

// installedManifest finds node_modules/<name>/package.json the way Node's
// resolver would from a module in dir: in dir, then in each ancestor.
func installedManifest(dir, name string) (*manifest, error) {
	for d := filepath.Clean(dir); ; {
		m, err := readManifest(filepath.Join(d, "node_modules", filepath.FromSlash(name), "package.json"))
		if err == nil {
			return m, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil, nil
		}
		d = parent
	}
}

// directDependencyNames lists the packages a manifest depends on, sorted.
func directDependencyNames(m *manifest) []string {
	seen := map[string]bool{}
	for _, group := range []map[string]string{m.Dependencies, m.DevDependencies, m.OptionalDependencies} {
		for n := range group {
			seen[n] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// pluginName derives a resource plugin's name from its npm package name when
// package.json does not name it: "@pulumi/aws" -> "aws", "@acme/x" -> "acme/x".
func pluginName(pkg string) string {
	if rest, ok := strings.CutPrefix(pkg, "@pulumi/"); ok {
		return rest
	}
	return strings.TrimPrefix(pkg, "@")
}

// pulumiPluginDependencies reports the resource plugins declared by the
// program's direct npm dependencies.
func pulumiPluginDependencies(dir string) ([]*pulumirpc.PackageDependency, error) {
	root, m, err := nearestManifest(dir)
	if err != nil || m == nil {
		return nil, err
	}
	var out []*pulumirpc.PackageDependency
	for _, name := range directDependencyNames(m) {
		dep, err := installedManifest(root, name)
		if err != nil {
			return nil, err
		}
		if dep == nil || dep.Pulumi == nil || !dep.Pulumi.Resource {
			continue
		}
		pn := dep.Pulumi.Name
		if pn == "" {
			pn = pluginName(dep.Name)
		}
		v := dep.Pulumi.Version
		if v == "" {
			v = dep.Version
		}
		out = append(out, &pulumirpc.PackageDependency{
			Name:    pn,
			Kind:    "resource",
			Version: v,
			Server:  dep.Pulumi.Server,
		})
	}
	return out, nil
}

// installedDependencies lists the program's direct npm dependencies with the
// version actually installed (or the declared range if not installed).
func installedDependencies(dir string) ([]*pulumirpc.DependencyInfo, error) {
	root, m, err := nearestManifest(dir)
	if err != nil || m == nil {
		return nil, err
	}
	declared := map[string]string{}
	for _, group := range []map[string]string{m.OptionalDependencies, m.DevDependencies, m.Dependencies} {
		for n, v := range group {
			declared[n] = v
		}
	}
	var out []*pulumirpc.DependencyInfo
	for _, name := range directDependencyNames(m) {
		v := declared[name]
		if dep, err := installedManifest(root, name); err == nil && dep != nil && dep.Version != "" {
			v = dep.Version
		}
		out = append(out, &pulumirpc.DependencyInfo{Name: name, Version: v})
	}
	return out, nil
}
