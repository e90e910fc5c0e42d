/**
 * What the code under test calls and serves, read from the code itself so that a new operation or
 * route cannot escape the conformance tier by not being listed somewhere:
 *  - the provider's Huawei operations: every request literal `{ operation: "…", method: "…",
 *    path: … }` in provider/apis/huawei-*.ts (path constants of the file resolved), and the IAM
 *    token request in provider/clients/huawei.ts (`const operation = "…"`), which is built by hand;
 *  - the emulator's Huawei routes: each service factory (`create…Service`) built with a scratch
 *    store and the default inventory, and its `routes` read; every factory exported by
 *    emulator/services/huawei-*.ts must be among them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TokenStore } from "../../emulator/auth/huawei";
import { DEFAULT_INVENTORY } from "../../emulator/default-inventory";
import type { HuaweiService } from "../../emulator/routers/huawei-rest";
import { createDisService } from "../../emulator/services/huawei-dis";
import { createDmsService } from "../../emulator/services/huawei-dms";
import { createEgService } from "../../emulator/services/huawei-eg";
import { createIamService } from "../../emulator/services/huawei-iam";
import { MemoryStore } from "../../emulator/store";

const ROOT = join(__dirname, "..", "..");

export interface ProviderOperation {
  readonly name: string;
  /** Undefined for a request the client builds by hand (the IAM token). */
  readonly method: string | undefined;
  readonly path: string | undefined;
  /** Repository-relative file. */
  readonly file: string;
}

/** `const NAME = "…"` and `` const NAME = `…${OTHER}…` `` in a file, templates resolved. */
function pathConstants(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/const ([A-Z_][A-Z0-9_]*) = (?:"([^"]*)"|`([^`]*)`);/g)) {
    const raw = m[2] ?? m[3] ?? "";
    out.set(
      m[1] as string,
      raw.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, k: string) => out.get(k) ?? `\${${k}}`),
    );
  }
  return out;
}

/** A path expression of a request literal: a string, a template or a constant. */
function resolvePath(expr: string, consts: ReadonlyMap<string, string>): string | undefined {
  const e = expr.trim();
  const quoted = /^"([^"]*)"$/.exec(e) ?? /^`([^`]*)`$/.exec(e);
  const text = quoted?.[1] ?? consts.get(e);
  if (text === undefined) return undefined;
  const resolved = text.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, k: string) => consts.get(k) ?? `\${${k}}`);
  return resolved.includes("${") ? undefined : resolved;
}

export function providerOperations(): ProviderOperation[] {
  const out: ProviderOperation[] = [];
  const apis = join(ROOT, "provider", "apis");
  for (const name of readdirSync(apis).filter((f) => /^huawei-.*\.ts$/.test(f))) {
    const file = `provider/apis/${name}`;
    const source = readFileSync(join(apis, name), "utf8");
    const consts = pathConstants(source);
    for (const m of source.matchAll(/operation: "(\w+)",/g)) {
      // The literal's own method and path follow its operation (`{ operation, method, path, … }`).
      const rest = source.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 300);
      const method = /^\s*method: "(\w+)",/.exec(rest)?.[1];
      const pathExpr = /^\s*method: "\w+",\s*path: ("[^"]*"|`[^`]*`|[A-Za-z_]\w*)/.exec(rest)?.[1];
      out.push({ name: m[1] as string, method, path: pathExpr === undefined ? undefined : resolvePath(pathExpr, consts), file });
    }
  }
  const client = readFileSync(join(ROOT, "provider", "clients", "huawei.ts"), "utf8");
  for (const m of client.matchAll(/const operation = "(\w+)";/g)) {
    out.push({ name: m[1] as string, method: undefined, path: undefined, file: "provider/clients/huawei.ts" });
  }
  return out;
}

export interface EmulatorRoute {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** `dis`, `eg`, `dms`, `iam`: the service's product. */
  readonly product: string;
  /** The factory that built the service. */
  readonly factory: string;
}

/**
 * The Huawei service factories the emulator is built from. Imported statically (the test tier
 * compiles as CommonJS, so no top-level await); `unlistedServiceFactories` reads the service
 * files' text so a factory missing here fails the coverage test instead of escaping it.
 */
const FACTORIES: Readonly<Record<string, (opts: never) => HuaweiService>> = {
  createDisService,
  createDmsService,
  createEgService,
  createIamService,
};

/** `create…Service` functions exported by emulator/services/huawei-*.ts that FACTORIES lacks. */
export function unlistedServiceFactories(): string[] {
  const dir = join(ROOT, "emulator", "services");
  return readdirSync(dir)
    .filter((f) => /^huawei-.*\.ts$/.test(f))
    .flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(/export (?:async )?function (create\w*Service)\b/g)].map((m) => ({ f, name: m[1] ?? "" })))
    .filter(({ name }) => !(name in FACTORIES))
    .map(({ f, name }) => `emulator/services/${f}: ${name}`);
}

export function emulatorRoutes(): EmulatorRoute[] {
  const opts = { store: new MemoryStore(), inventory: DEFAULT_INVENTORY, settleMs: 0, strict: true, tokens: new TokenStore() };
  return Object.entries(FACTORIES).flatMap(([factory, create]) => {
    const service = create(opts as never);
    return service.routes.map((r) => ({ operation: r.operation, method: r.method, path: r.path, product: service.product, factory }));
  });
}
