/**
 * What the code under test calls and serves, read from the code itself so that a new operation or
 * route cannot escape the conformance tier by not being listed somewhere:
 *  - the provider's Huawei operations: every entry of the REST tables in provider/apis/huawei-*.ts
 *    (each file holding a table must be listed in PROVIDER_TABLES), and the IAM token request in
 *    provider/clients/huawei.ts (`const operation = "…"`), which is built by hand;
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
import { dis } from "../../provider/apis/huawei-dis";
import { dms } from "../../provider/apis/huawei-dms";
import { eg } from "../../provider/apis/huawei-eg";
import type { RestApi, RestOperationSpec } from "../../provider/apis/huawei-rest";

const ROOT = join(__dirname, "..", "..");

export interface ProviderOperation {
  readonly name: string;
  /** Undefined for a request the client builds by hand (the IAM token). */
  readonly method: string | undefined;
  readonly path: string | undefined;
  /** Repository-relative file. */
  readonly file: string;
}

/** The provider's Huawei REST tables, by file. */
export const PROVIDER_TABLES: readonly { readonly file: string; readonly table: RestApi }[] = [
  { file: "provider/apis/huawei-dis.ts", table: dis },
  { file: "provider/apis/huawei-eg.ts", table: eg },
  { file: "provider/apis/huawei-dms.ts", table: dms },
];

export interface TableOperation {
  readonly name: string;
  readonly spec: RestOperationSpec;
  readonly file: string;
}

/** Every operation of the provider's Huawei tables. */
export function tableOperations(): TableOperation[] {
  return PROVIDER_TABLES.flatMap(({ file, table }) => Object.entries(table.operations).map(([name, spec]) => ({ name, spec, file })));
}

/** provider/apis/huawei-*.ts files that hold a table PROVIDER_TABLES lacks (`satisfies RestApi`). */
export function unlistedTableFiles(): string[] {
  const dir = join(ROOT, "provider", "apis");
  return readdirSync(dir)
    .filter((f) => /^huawei-.*\.ts$/.test(f) && /\bsatisfies RestApi\b/.test(readFileSync(join(dir, f), "utf8")))
    .map((f) => `provider/apis/${f}`)
    .filter((file) => !PROVIDER_TABLES.some((t) => t.file === file));
}

export function providerOperations(): ProviderOperation[] {
  const out: ProviderOperation[] = tableOperations().map(({ name, spec, file }) => ({ name, method: spec.method, path: spec.path, file }));
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
