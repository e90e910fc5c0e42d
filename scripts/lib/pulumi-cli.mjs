// Makes a working Pulumi CLI available to the demo, the test runner and anyone
// running `npm run pulumi-cli`. See toolchain/README.md for the whole story.
//
//   const { binDir, root, version, source } = await ensurePulumiCli({ log });
//
// `binDir` holds `pulumi`, `pulumi-language-nodejs` and
// `pulumi-resource-pulumi-nodejs`. Prepend it to PATH, or hand `root` (its
// parent) to the Automation API: `PulumiCommand.get({ root })`.
//
// Resolution order:
//   1. A `pulumi` on PATH reporting >= MIN_VERSION, with a
//      `pulumi-language-nodejs` beside it or on PATH (source "path").
//   2. A previously built toolchain in the cache (source "cache").
//   3. Build the pinned CLI and our Node.js language host from Go modules with
//      the ordinary `go` tool, then cache them (source "built").
//
// Environment:
//   STREAMJOBS_PULUMI_REBUILD=1      ignore PATH and the cache; build afresh
//   STREAMJOBS_PULUMI_IGNORE_PATH=1  do not consider a `pulumi` found on PATH
//   STREAMJOBS_CACHE_DIR             cache root (default $XDG_CACHE_HOME/streamjobs
//                                    or ~/.cache/streamjobs)
//   STREAMJOBS_GO                    the `go` executable to use

import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { constants as fsc, existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { access, chmod, copyFile, mkdir, open, readdir, readFile, rename, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { delimiter, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Oldest CLI we accept from PATH: dynamic providers need `read` to return `inputs`. */
export const MIN_VERSION = "3.216.0";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TOOLCHAIN = join(REPO_ROOT, "toolchain");
const CLI_MODULE = join(TOOLCHAIN, "pulumi");
const HOST_MODULE = join(TOOLCHAIN, "language-nodejs");
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_SYMBOL = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const BUILD_TAGS = "osusergo,grpcnotrace";
const HEARTBEAT_MS = 20_000;
const RESOURCE_SCRIPT = "pulumi-resource-pulumi-nodejs";

const defaultLog = (m) => process.stderr.write(`${m}\n`);
const truthy = (v) => v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";

/**
 * @param {{ log?: (msg: string) => void, env?: NodeJS.ProcessEnv }} [opts]
 * @returns {Promise<{ binDir: string, root: string, version: string, source: "path" | "cache" | "built" }>}
 */
export async function ensurePulumiCli({ log = defaultLog, env = process.env } = {}) {
  const say = (m) => log(`pulumi-cli: ${m}`);
  const cacheRoot = cacheRootDir(env);
  const resourceScript = findResourceScript();
  const rebuild = truthy(env.STREAMJOBS_PULUMI_REBUILD);

  let why = "STREAMJOBS_PULUMI_REBUILD is set";
  if (!rebuild) {
    why = "STREAMJOBS_PULUMI_IGNORE_PATH is set";
    if (!truthy(env.STREAMJOBS_PULUMI_IGNORE_PATH)) {
      const fromPath = await tryPathCli({ env, cacheRoot, resourceScript, say });
      if (fromPath) return fromPath;
      why = `no usable pulumi >= v${MIN_VERSION} on PATH`;
    }
  }

  const pin = readPins();
  const key = buildKey(pin);
  const root = join(cacheRoot, `pulumi-v${pin.version}-${key}`);
  const binDir = join(root, "bin");

  if (!rebuild && (await isCompleteBuild(root, pin.version))) {
    await installResourceScript(resourceScript, binDir);
    say(`using cached pulumi v${pin.version} at ${binDir}`);
    return { binDir, root, version: pin.version, source: "cache" };
  }

  await mkdir(cacheRoot, { recursive: true });
  await removeStaleTemps(cacheRoot);
  const { release, waited } = await acquireLock(join(cacheRoot, `pulumi-v${pin.version}-${key}.lock`), say);
  try {
    // Someone else may have finished the build while we waited for the lock;
    // that build is as fresh as the one a rebuild request would make.
    if ((!rebuild || waited) && (await isCompleteBuild(root, pin.version))) {
      await installResourceScript(resourceScript, binDir);
      say(`using cached pulumi v${pin.version} at ${binDir} (built by another process)`);
      return { binDir, root, version: pin.version, source: "cache" };
    }
    await buildToolchain({ pin, key, root, cacheRoot, env, say, why });
  } finally {
    await release();
  }
  await installResourceScript(resourceScript, binDir);
  return { binDir, root, version: pin.version, source: "built" };
}

// ---------------------------------------------------------------------------
// Option 1: a suitable CLI on PATH

async function tryPathCli({ env, cacheRoot, resourceScript, say }) {
  const cacheReal = realOrSelf(cacheRoot);
  const inCache = (p) => {
    const rel = relative(cacheReal, realOrSelf(p));
    return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep));
  };
  // Our own cached builds are often on PATH (scripts prepend them); those are
  // handled by the cache logic, not treated as a user installation.
  const pulumi = whichAll("pulumi", env).find((p) => !inCache(p));
  if (!pulumi) return null;

  let out;
  try {
    out = await capture(pulumi, ["version"], { env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" }, timeoutMs: 30_000 });
  } catch (e) {
    say(`ignoring ${pulumi}: \`pulumi version\` failed (${e.message})`);
    return null;
  }
  const version = parseVersion(out);
  if (!version) {
    say(`ignoring ${pulumi}: cannot parse version from ${JSON.stringify(out.trim())}`);
    return null;
  }
  if (compareVersions(version, MIN_VERSION) < 0) {
    say(`ignoring pulumi v${version} on PATH (${pulumi}): need >= v${MIN_VERSION}`);
    return null;
  }
  const besides = [dirname(pulumi), dirname(realOrSelf(pulumi))];
  const lang = besides.map((d) => join(d, "pulumi-language-nodejs")).find(isExecutable) ?? whichAll("pulumi-language-nodejs", env).find((p) => !inCache(p));
  if (!lang) {
    say(`ignoring pulumi v${version} on PATH (${pulumi}): no pulumi-language-nodejs beside it or on PATH`);
    return null;
  }

  // A directory of links, so that callers get the usual <root>/bin layout
  // with the dynamic-provider launcher from this repo's @pulumi/pulumi.
  const id = sha256(`${realOrSelf(pulumi)}\0${realOrSelf(lang)}\0${version}`).slice(0, 12);
  const root = join(cacheRoot, `path-v${version}-${id}`);
  const binDir = join(root, "bin");
  await mkdir(binDir, { recursive: true });
  await linkTo(realOrSelf(pulumi), join(binDir, "pulumi"));
  await linkTo(realOrSelf(lang), join(binDir, "pulumi-language-nodejs"));
  await installResourceScript(resourceScript, binDir);
  say(`using pulumi v${version} on PATH (${pulumi}), linked into ${binDir}`);
  return { binDir, root, version, source: "path" };
}

async function linkTo(target, linkPath) {
  try {
    if (realpathSync(linkPath) === target) return;
  } catch {
    // missing or dangling: (re)create below
  }
  const tmp = `${linkPath}.tmp-${process.pid}-${randomBytes(3).toString("hex")}`;
  await symlink(target, tmp);
  await rename(tmp, linkPath);
}

// ---------------------------------------------------------------------------
// Options 2 and 3: the pinned build, cached outside the repository

function readPins() {
  const files = {
    cliMod: join(CLI_MODULE, "go.mod"),
    cliSum: join(CLI_MODULE, "go.sum"),
    hostMod: join(HOST_MODULE, "go.mod"),
    hostSum: join(HOST_MODULE, "go.sum"),
  };
  for (const f of Object.values(files)) {
    if (!existsSync(f)) throw new Error(`missing ${relative(REPO_ROOT, f)}; the toolchain pins are incomplete`);
  }
  const cliMod = readFileSync(files.cliMod, "utf8");
  const m = /^\s*(?:require\s+)?github\.com\/pulumi\/pulumi\/pkg\/v3\s+v(\S+)/m.exec(cliMod);
  if (!m) throw new Error(`cannot find the github.com/pulumi/pulumi/pkg/v3 version in ${relative(REPO_ROOT, files.cliMod)}`);
  const hostSources = readdirSync(HOST_MODULE)
    .filter((f) => f.endsWith(".go"))
    .sort();
  return { version: m[1], files, hostSources };
}

function ldflags(version) {
  return `-s -w -X ${VERSION_SYMBOL}=v${version}`;
}

/** Everything that changes the binaries goes into the cache key. */
function buildKey(pin) {
  const h = createHash("sha256");
  for (const f of Object.values(pin.files))
    h.update(`${relative(TOOLCHAIN, f)}\0`)
      .update(readFileSync(f))
      .update("\0");
  for (const f of pin.hostSources)
    h.update(`${f}\0`)
      .update(readFileSync(join(HOST_MODULE, f)))
      .update("\0");
  h.update(`${process.platform}/${process.arch}\0${BUILD_TAGS}\0${ldflags(pin.version)}\0`);
  return h.digest("hex").slice(0, 12);
}

async function isCompleteBuild(root, version) {
  try {
    const manifest = JSON.parse(await readFile(join(root, "manifest.json"), "utf8"));
    if (manifest.version !== version) return false;
    for (const b of ["pulumi", "pulumi-language-nodejs"]) await access(join(root, "bin", b), fsc.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function buildToolchain({ pin, key, root, cacheRoot, env, say, why }) {
  const go = await findGo(env);
  const goVersion = (await capture(go, ["version"], { env, timeoutMs: 60_000 })).trim();
  const tmpRoot = join(cacheRoot, `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const tmpBin = join(tmpRoot, "bin");
  await mkdir(tmpBin, { recursive: true });

  const goEnv = { ...env, CGO_ENABLED: "0", GOWORK: "off" };
  const buildArgs = (out, pkg) => [
    "build",
    "-mod=readonly",
    "-trimpath",
    "-buildvcs=false",
    "-tags",
    BUILD_TAGS,
    "-ldflags",
    ldflags(pin.version),
    "-o",
    out,
    pkg,
  ];
  const started = Date.now();
  say(`${why}; building pulumi v${pin.version} from Go modules with ${goVersion}`);
  say("this takes several minutes the first time (later runs use the cache)");
  try {
    const steps = [
      { what: "downloading modules for the language host", dir: HOST_MODULE, args: ["mod", "download"] },
      {
        what: "building pulumi-language-nodejs",
        dir: HOST_MODULE,
        args: buildArgs(join(tmpBin, "pulumi-language-nodejs"), "."),
      },
      { what: `downloading modules for pulumi v${pin.version}`, dir: CLI_MODULE, args: ["mod", "download"] },
      { what: `building pulumi v${pin.version}`, dir: CLI_MODULE, args: buildArgs(join(tmpBin, "pulumi"), CLI_PACKAGE) },
    ];
    for (const step of steps) {
      await runWithHeartbeat(go, step.args, { cwd: step.dir, env: goEnv, what: step.what, say, started });
    }

    const reported = parseVersion(
      await capture(join(tmpBin, "pulumi"), ["version"], {
        env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" },
        timeoutMs: 60_000,
      }),
    );
    if (reported !== pin.version) throw new Error(`built CLI reports version ${reported}, expected ${pin.version}`);

    await writeFile(
      join(tmpRoot, "manifest.json"),
      `${JSON.stringify({ version: pin.version, key, go: goVersion, tags: BUILD_TAGS, builtAt: new Date().toISOString() }, null, 2)}\n`,
    );

    // Publish atomically: readers only ever see a complete directory. A
    // previous build (STREAMJOBS_PULUMI_REBUILD) is moved aside first, so
    // processes still running its binaries are not disturbed.
    const old = join(cacheRoot, `.tmp-${process.pid}-old-${randomBytes(4).toString("hex")}`);
    const hadOld = await rename(root, old).then(
      () => true,
      (e) => {
        if (e.code === "ENOENT") return false;
        throw e;
      },
    );
    await rename(tmpRoot, root);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmpRoot, { recursive: true, force: true });
    throw e;
  }
  say(`built pulumi v${pin.version} from Go modules in ${Math.round((Date.now() - started) / 1000)}s, cached at ${join(root, "bin")}`);
}

async function findGo(env) {
  const candidates = [];
  if (env.STREAMJOBS_GO) candidates.push(env.STREAMJOBS_GO);
  candidates.push(...whichAll("go", env));
  if (env.GOROOT) candidates.push(join(env.GOROOT, "bin", "go"));
  // Default locations of the official distribution and of distro packages.
  candidates.push("/usr/local/go/bin/go", "/usr/lib/go/bin/go", join(homedir(), "go", "bin", "go"));
  const go = candidates.find(isExecutable);
  if (!go) {
    throw new Error(
      "cannot build the Pulumi CLI: no `go` found (PATH, $GOROOT/bin, /usr/local/go/bin). " +
        `Install Go, set STREAMJOBS_GO, or put a pulumi >= v${MIN_VERSION} with pulumi-language-nodejs on PATH.`,
    );
  }
  return go;
}

// ---------------------------------------------------------------------------
// The dynamic-provider launcher comes from this repository's @pulumi/pulumi

function findResourceScript() {
  const req = createRequire(join(REPO_ROOT, "package.json"));
  let pkgJson;
  try {
    pkgJson = req.resolve("@pulumi/pulumi/package.json");
  } catch {
    throw new Error("@pulumi/pulumi is not installed in this repository: run `npm ci` first");
  }
  const script = join(dirname(pkgJson), RESOURCE_SCRIPT);
  if (!existsSync(script)) throw new Error(`${script} is missing from the @pulumi/pulumi package`);
  return script;
}

async function installResourceScript(src, binDir) {
  const dest = join(binDir, RESOURCE_SCRIPT);
  const want = await readFile(src);
  try {
    const have = await readFile(dest);
    if (have.equals(want) && statSync(dest).mode & 0o111) return;
  } catch {
    // not there yet
  }
  const tmp = `${dest}.tmp-${process.pid}-${randomBytes(3).toString("hex")}`;
  await copyFile(src, tmp);
  await chmod(tmp, 0o755);
  await rename(tmp, dest);
}

// ---------------------------------------------------------------------------
// Locking, so that concurrent first runs (demo + tests) build only once

async function acquireLock(lockPath, say) {
  let announced = false;
  for (;;) {
    try {
      const fh = await open(lockPath, "wx");
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      const release = async () => {
        await unlink(lockPath).catch(() => {});
      };
      return { release, waited: announced };
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
    const holder = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
    if (!Number.isInteger(holder) || !isAlive(holder)) {
      await unlink(lockPath).catch(() => {});
      continue;
    }
    if (!announced) {
      say(`another process (pid ${holder}) is building the CLI; waiting for it`);
      announced = true;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

async function removeStaleTemps(cacheRoot) {
  for (const name of await readdir(cacheRoot).catch(() => [])) {
    const m = /^\.tmp-(\d+)-/.exec(name);
    if (m && !isAlive(Number(m[1]))) await rm(join(cacheRoot, name), { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

// ---------------------------------------------------------------------------
// Small helpers

function cacheRootDir(env) {
  if (env.STREAMJOBS_CACHE_DIR) return resolve(env.STREAMJOBS_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), ".cache");
  return join(base, "streamjobs");
}

function whichAll(name, env) {
  const found = [];
  for (const d of (env.PATH ?? "").split(delimiter)) {
    if (!d) continue;
    const p = join(d, name);
    if (isExecutable(p) && !found.includes(p)) found.push(p);
  }
  return found;
}

function isExecutable(p) {
  try {
    const s = statSync(p);
    return s.isFile() && (s.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function realOrSelf(p) {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function sha256(s) {
  return createHash("sha256").update(s).digest("hex");
}

/** "v3.259.0" / "3.259.0-alpha.1" anywhere in the text -> "3.259.0" / "3.259.0-alpha.1". */
export function parseVersion(text) {
  const m = /v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/.exec(text ?? "");
  return m ? m[1] : null;
}

/** Semver precedence for the subset we need (a pre-release sorts before its release). */
export function compareVersions(a, b) {
  const split = (v) => {
    const [core, pre] = v.split("-", 2);
    return { nums: core.split(".").map(Number), pre };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] < y.nums[i] ? -1 : 1;
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

function capture(cmd, args, { env, timeoutMs, cwd }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise(out);
      else reject(new Error(`${cmd} ${args.join(" ")} exited with ${signal ?? code}: ${err.trim().slice(-2000)}`));
    });
  });
}

function runWithHeartbeat(cmd, args, { cwd, env, what, say, started }) {
  return new Promise((resolvePromise, reject) => {
    say(`${what}...`);
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const tail = [];
    const keep = (d) => {
      for (const line of String(d).split("\n")) if (line.trim()) tail.push(line);
      if (tail.length > 60) tail.splice(0, tail.length - 60);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const beat = setInterval(() => {
      say(`still ${what} (${Math.round((Date.now() - started) / 1000)}s elapsed)`);
    }, HEARTBEAT_MS);
    const forward = (sig) => child.kill(sig);
    process.once("SIGINT", forward);
    process.once("SIGTERM", forward);
    const done = () => {
      clearInterval(beat);
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
    };
    child.on("error", (e) => {
      done();
      reject(new Error(`cannot run ${cmd}: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      done();
      if (code === 0) return resolvePromise();
      reject(new Error(`${what} failed (go ${args.join(" ")} in ${relative(REPO_ROOT, cwd) || "."} exited with ${signal ?? code}):\n${tail.join("\n")}`));
    });
  });
}
