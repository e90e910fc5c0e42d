/**
 * No check failure carries a secret, neither in its reason nor through the engine's rendering of
 * it. The secret fields are the ones the SDK keeps secret in state (`secretInput` and
 * `additionalSecretOutputs` in sdk/): StreamingJob password and jobConfig, DwsTransferTask
 * userPassword, EventRouterJob's endpoint passwords; and a password a DataWorks script may carry in a
 * reader's parameters. The engine's rendering is modelled on pulumi v3.259.0's
 * `issueCheckFailures`: a failure with a property prints `inputs[property]` beside the reason,
 * where `inputs` are the program's inputs (the check's own result is stored only afterwards), in
 * clear even for a secret; a failure without a property prints the reason alone.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldTable } from "../../provider/engine/fields";
import { RESOURCES } from "../../provider/resources";
import { check } from "../../provider/runtime";
import { sdkFileName } from "../../provider/sdk-gen";
import { professionalYaml, basicJob as streamingBasic } from "../fixtures/streaming-job";
import { dwsTask } from "../fixtures/dis";
import { dcsJob, kafkaJob } from "../fixtures/event-router-job";
import { offlineScript, offlineTask } from "../fixtures/dataworks";

const SECRET = "Zq7-planted-S3cret";
const NUMBER_SECRET = 918273645;
const SHORT = "Zq7";

/** What the engine prints for one failure: the reason, and the program's value under its property. */
function printed(programInputs: Record<string, unknown>, f: { property: string; reason: string }): string {
  return f.property === "" ? f.reason : `property ${f.property} value {${JSON.stringify(programInputs[f.property])}} has a problem: ${f.reason}`;
}

interface Case {
  readonly what: string;
  readonly kind: string;
  readonly news: Record<string, unknown>;
  /** The planted values, none of which may be printed. */
  readonly planted: readonly (string | number)[];
  /** Words the reason must still carry: what is wrong. */
  readonly says: RegExp;
}

const kafkaSink = kafkaJob.sinkConfig.sinkKafka;
const yamlWith = (password: string) => professionalYaml.replace(/^PASSWORD: .*$/m, `PASSWORD: ${password}`);
const professional = { ...streamingBasic, mode: "professional", destDatabase: undefined, destSchema: undefined, destTable: undefined };
const professionalOnly = Object.fromEntries(
  Object.entries(professional).filter(([k]) => !["srcColumns", "destColumns", "matchColumns", "updateColumns", "writeMode"].includes(k)),
);
const typedConfig = {
  database: "analytics",
  user: "etl",
  password: SECRET,
  host: "h",
  port: 5432,
  kafka: {
    input: { source: { brokers: "192.168.0.10:9092", topic: "orders" }, value: { columns: [{ name: "c1", type: "int" }], format: "json" } },
    output: { schema: "public", table: "orders" },
  },
};
const scriptWithPassword = {
  ...offlineScript,
  steps: offlineScript.steps.map((s) => (s.category === "reader" ? { ...s, parameter: { ...s.parameter, password: SECRET } } : s)),
};

const cases: readonly Case[] = [
  // StreamingJob password
  {
    what: "a StreamingJob password that is a number",
    kind: "alicloud:StreamingJob",
    news: { ...streamingBasic, password: NUMBER_SECRET },
    planted: [NUMBER_SECRET],
    says: /password must be a string; got a number/,
  },
  {
    what: "a StreamingJob password that is empty",
    kind: "alicloud:StreamingJob",
    news: { ...streamingBasic, password: "" },
    planted: [],
    says: /password must be at least 1 characters long; got a value of 0 characters/,
  },
  {
    what: "a StreamingJob password that is a list",
    kind: "alicloud:StreamingJob",
    news: { ...streamingBasic, password: [SECRET] },
    planted: [SECRET],
    says: /password must be a string; got a list of 1 entries/,
  },
  {
    what: "a StreamingJob password that is an object",
    kind: "alicloud:StreamingJob",
    news: { ...streamingBasic, password: { value: SECRET } },
    planted: [SECRET],
    says: /password must be a string; got an object/,
  },
  {
    what: "a misspelt StreamingJob password key",
    kind: "alicloud:StreamingJob",
    news: { ...streamingBasic, passwrod: SECRET },
    planted: [SECRET],
    says: /has no property passwrod/,
  },
  // StreamingJob jobConfig (YAML text and the typed object)
  {
    what: "a jobConfig in basic mode",
    kind: "alicloud:StreamingJob",
    news: { ...streamingBasic, jobConfig: yamlWith(SECRET) },
    planted: [SECRET],
    says: /jobConfig is only used when mode is "professional"/,
  },
  {
    what: "a jobConfig YAML without KAFKA",
    kind: "alicloud:StreamingJob",
    news: { ...professionalOnly, jobConfig: `DATABASE: a\nPASSWORD: ${SECRET}\n` },
    planted: [SECRET],
    says: /jobConfig must have a KAFKA section/,
  },
  {
    what: "a jobConfig YAML that does not parse",
    kind: "alicloud:StreamingJob",
    news: { ...professionalOnly, jobConfig: `PASSWORD: "${SECRET}\nKAFKA: [\n` },
    planted: [SECRET],
    says: /jobConfig is not valid YAML/,
  },
  {
    what: "a jobConfig YAML with a short password that does not parse",
    kind: "alicloud:StreamingJob",
    news: { ...professionalOnly, jobConfig: `PASSWORD: ${SHORT}: x: y\n` },
    planted: [`${SHORT}:`],
    says: /jobConfig is not valid YAML/,
  },
  {
    what: "a jobConfig that is a number",
    kind: "alicloud:StreamingJob",
    news: { ...professionalOnly, jobConfig: NUMBER_SECRET },
    planted: [NUMBER_SECRET],
    says: /jobConfig/,
  },
  {
    what: "a typed jobConfig with a port out of range",
    kind: "alicloud:StreamingJob",
    news: { ...professionalOnly, jobConfig: { ...typedConfig, port: 70000 } },
    planted: [SECRET, 70000],
    says: /jobConfig/,
  },
  {
    what: "a typed jobConfig whose password is a number",
    kind: "alicloud:StreamingJob",
    news: { ...professionalOnly, jobConfig: { ...typedConfig, password: NUMBER_SECRET } },
    planted: [NUMBER_SECRET],
    says: /jobConfig/,
  },
  {
    what: "a typed jobConfig with an unknown key",
    kind: "alicloud:StreamingJob",
    news: { ...professionalOnly, jobConfig: { ...typedConfig, extra: 1 } },
    planted: [SECRET],
    says: /jobConfig/,
  },
  // DwsTransferTask userPassword
  {
    what: "a DwsTransferTask userPassword that is a number",
    kind: "huaweicloud:DwsTransferTask",
    news: { ...dwsTask, userPassword: NUMBER_SECRET },
    planted: [NUMBER_SECRET],
    says: /userPassword must be a string; got a number/,
  },
  {
    what: "a DwsTransferTask userPassword that is empty",
    kind: "huaweicloud:DwsTransferTask",
    news: { ...dwsTask, userPassword: "" },
    planted: [],
    says: /userPassword must be at least 1 characters long; got a value of 0 characters/,
  },
  {
    what: "a DwsTransferTask userPassword that is a list",
    kind: "huaweicloud:DwsTransferTask",
    news: { ...dwsTask, userPassword: [SECRET, SHORT] },
    planted: [SECRET, SHORT],
    says: /userPassword must be a string; got a list of 2 entries/,
  },
  // EventRouterJob endpoint passwords
  {
    what: "an EventRouterJob sink password that is a number",
    kind: "huaweicloud:EventRouterJob",
    news: { ...kafkaJob, sinkConfig: { sinkKafka: { ...kafkaSink, password: NUMBER_SECRET } } },
    planted: [NUMBER_SECRET],
    says: /sinkConfig\.sinkKafka\.password/,
  },
  {
    what: "an EventRouterJob sink password beside a bad clusterAlias",
    kind: "huaweicloud:EventRouterJob",
    news: { ...kafkaJob, sinkConfig: { sinkKafka: { ...kafkaSink, password: SECRET, clusterAlias: "b\nb" } } },
    planted: [SECRET],
    says: /clusterAlias/,
  },
  {
    what: "an EventRouterJob sink with two endpoint kinds, one with a password",
    kind: "huaweicloud:EventRouterJob",
    news: { ...kafkaJob, sinkConfig: { sinkKafka: { ...kafkaSink, password: SECRET }, sinkDcs: { ...dcsJob.sinkConfig.sinkDcs, password: `${SHORT}-dcs` } } },
    planted: [SECRET, `${SHORT}-dcs`],
    says: /sinkConfig must set exactly one of/,
  },
  {
    what: "an EventRouterJob sink with an unknown key beside the password",
    kind: "huaweicloud:EventRouterJob",
    news: { ...kafkaJob, sinkConfig: { sinkKafka: { ...kafkaSink, password: SECRET, extra: "x" } } },
    planted: [SECRET],
    says: /extra/,
  },
  {
    what: "an EventRouterJob DCS source password that is a list",
    kind: "huaweicloud:EventRouterJob",
    news: { ...dcsJob, sourceConfig: { sourceDcs: { ...dcsJob.sourceConfig.sourceDcs, password: [SECRET] } } },
    planted: [SECRET],
    says: /sourceConfig\.sourceDcs\.password/,
  },
  {
    what: "an EventRouterJob sink that is a list holding a password",
    kind: "huaweicloud:EventRouterJob",
    news: { ...kafkaJob, sinkConfig: [{ password: SECRET }] },
    planted: [SECRET],
    says: /sinkConfig/,
  },
  // A DataWorks script that carries a password in a reader's parameters
  {
    what: "a DISyncTask script with a password and no speed setting",
    kind: "alicloud:DISyncTask",
    news: { ...offlineTask, taskContent: { ...scriptWithPassword, setting: {} } },
    planted: [SECRET],
    says: /taskContent/,
  },
  {
    what: "a DISyncTask script text with a password and a bad version",
    kind: "alicloud:DISyncTask",
    news: { ...offlineTask, taskContent: JSON.stringify({ ...scriptWithPassword, version: "9.9" }) },
    planted: [SECRET],
    says: /taskContent/,
  },
];

describe("check failures never carry a secret", () => {
  it.each(cases.map((c) => [c.what, c] as const))("rejects %s without printing it", async (_what, c) => {
    const { failures } = await check(c.kind, {}, { __provider: "shim", ...c.news });
    expect(failures.length, "the invalid value is refused").toBeGreaterThan(0);
    expect(failures.map((f) => f.reason).join("\n")).toMatch(c.says);
    for (const f of failures) {
      const out = printed(c.news, f);
      for (const value of c.planted) expect(out, `${f.property}: ${f.reason}`).not.toContain(String(value));
    }
  });

  it("rejects a short StreamingJob password by its length, never by its value", async () => {
    const { failures } = await check("alicloud:StreamingJob", {}, { __provider: "shim", ...streamingBasic, password: [SHORT] });
    expect(failures).toEqual([{ property: "", reason: "password must be a string; got a list of 1 entries." }]);
  });

  it("keeps the property of a failure that holds no secret, so the engine shows the value", async () => {
    const { failures } = await check("alicloud:StreamingJob", {}, { __provider: "shim", ...streamingBasic, errorLimitCount: -7 });
    expect(failures).toEqual([{ property: "errorLimitCount", reason: "errorLimitCount must be at least 0; got -7." }]);
  });

  it("keeps the nested path of a failure inside an endpoint, which the engine finds no value for", async () => {
    const news = { __provider: "shim", ...kafkaJob, sinkConfig: { sinkKafka: { ...kafkaSink, clusterAlias: "b\nb" } } };
    const { failures } = await check("huaweicloud:EventRouterJob", {}, news);
    expect(failures.map((f) => f.property)).toEqual(["sinkConfig.sinkKafka.clusterAlias"]);
    expect(printed(news, failures[0] as { property: string; reason: string })).toContain("value {undefined}");
  });
});

describe("the field tables mark every secret the SDK keeps", () => {
  it.each(RESOURCES.map((r) => [r.title, r] as const))("covers %s", (_what, r) => {
    const sdk = readFileSync(join(__dirname, "../../sdk", r.token.module, `${sdkFileName(r.token.name)}.ts`), "utf8");
    const fields: FieldTable = r.fields;
    // Whole properties: additionalSecretOutputs. Endpoint passwords: secretKeysInput(args.x, ["password"]).
    const whole = [...sdk.matchAll(/additionalSecretOutputs:\s*\[([^\]]*)\]/g)].flatMap((m) => [...(m[1] ?? "").matchAll(/"(\w+)"/g)].map((q) => q[1]));
    const nested = [...sdk.matchAll(/secretKeysInput\(args\.(\w+), \[[^\]]*"password"[^\]]*\]\)/g)].map((m) => m[1]);
    for (const k of whole) expect(fields[k as string]?.secret, `${k} is secret in the SDK`).toBe(true);
    for (const k of nested) expect(fields[k as string]?.secretKeys, `${k} holds secret passwords in the SDK`).toContain("password");
    const marked = Object.entries(fields)
      .filter(([, f]) => f.secret || f.secretKeys)
      .map(([k]) => k);
    expect(marked.sort(), "nothing else is marked").toEqual([...whole, ...nested].sort());
  });
});

/** Where a secret can sit in each resource's inputs, and how to plant one there. */
const PLACES: ReadonlyArray<readonly [string, string, Record<string, unknown>, (v: unknown) => Record<string, unknown>]> = [
  ["StreamingJob password", "alicloud:StreamingJob", streamingBasic, (v) => ({ password: v })],
  ["StreamingJob jobConfig YAML", "alicloud:StreamingJob", professionalOnly, (v) => ({ jobConfig: yamlWith(String(v)) })],
  ["StreamingJob jobConfig object", "alicloud:StreamingJob", professionalOnly, (v) => ({ jobConfig: { ...typedConfig, password: v } })],
  ["DwsTransferTask userPassword", "huaweicloud:DwsTransferTask", dwsTask, (v) => ({ userPassword: v })],
  ["EventRouterJob Kafka sink password", "huaweicloud:EventRouterJob", kafkaJob, (v) => ({ sinkConfig: { sinkKafka: { ...kafkaSink, password: v } } })],
  [
    "EventRouterJob DCS source password",
    "huaweicloud:EventRouterJob",
    dcsJob,
    (v) => ({ sourceConfig: { sourceDcs: { ...dcsJob.sourceConfig.sourceDcs, password: v } } }),
  ],
  [
    "DISyncTask reader password",
    "alicloud:DISyncTask",
    offlineTask,
    (v) => ({ taskContent: { ...scriptWithPassword, steps: [{ ...scriptWithPassword.steps[0], parameter: { password: v } }, scriptWithPassword.steps[1]] } }),
  ],
];

describe("no secret in any failure, over generated invalid definitions", () => {
  // Secrets from an alphabet no message uses, short ones included (redaction skips those, so only
  // describing them keeps them out), in every shape a program can give.
  const secretText = fc.oneof(fc.string({ unit: fc.constantFrom("§", "¤", "¶"), minLength: 1, maxLength: 3 }), fc.stringMatching(/^Zq7[0-9a-f]{6,40}$/));
  /** A planted secret: its text, and the value the program gives (the text, or a list or object holding it). */
  const planted = fc.oneof(
    secretText.chain((text) => fc.constantFrom<unknown>(text, [text], { value: text }).map((value) => ({ text, value }))),
    fc.integer({ min: 900_000_000, max: 999_999_999 }).map((n) => ({ text: String(n), value: n })),
  );
  /** What else is wrong with the definition: nothing, a field of the wrong type, one missing, one unknown. */
  const breakage = fc.constantFrom("none", "wrong type", "missing", "unknown key");

  it("rejects or accepts each definition without ever printing the secret", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PLACES), planted, breakage, fc.nat(), async ([, kind, base, plant], secret, broken, pick) => {
        const news: Record<string, unknown> = { ...base, ...plant(secret.value) };
        const others = Object.keys(base).filter((k) => !(k in plant(secret.value)));
        const other = others[pick % others.length] as string;
        if (broken === "wrong type") news[other] = 12.5;
        if (broken === "missing") delete news[other];
        if (broken === "unknown key") news.extraSetting = secret.value;
        const { failures } = await check(kind, {}, { __provider: "shim", ...news });
        for (const f of failures) expect(printed(news, f)).not.toContain(secret.text);
      }),
      { numRuns: 400 },
    );
  });
});
