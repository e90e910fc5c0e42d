/**
 * Progress attached to the resource it is about (provider/engine/progress.ts's header): the
 * properties a Create, Update or Delete request decodes are remembered with the request's URN,
 * a handler run for them sees that URN, concurrent handlers each their own, and a line printed
 * there reaches the engine's Log service as an INFO message with that URN, ephemeral. The
 * engine is a real gRPC server on loopback speaking @pulumi/pulumi's own engine protocol.
 */
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineModules, currentUrn, engineLogAt, forRequestOf, progressPrinter, tagRequests } from "../../../provider/engine/progress";

const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engineProto = require("@pulumi/pulumi/proto/engine_pb");
const providerProto = require("@pulumi/pulumi/proto/provider_pb");
const structProto = require("google-protobuf/google/protobuf/struct_pb");
const emptyProto = require("google-protobuf/google/protobuf/empty_pb");

const URN = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/alicloud:StreamingJob::orders";
const OTHER = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/huaweicloud:DisStream::clicks";

/** Fake request classes of the host's protobuf module: a URN and a properties struct. */
function fakeProto() {
  const struct = (props: object) => ({ toJavaScript: () => ({ ...props }) });
  class CreateRequest {
    constructor(
      readonly urn: string,
      readonly props: object,
    ) {}
    getUrn() {
      return this.urn;
    }
    getProperties() {
      return struct(this.props);
    }
  }
  return { CreateRequest };
}

describe("tagRequests and forRequestOf", () => {
  it("gives a handler run for decoded properties the URN of their request", () => {
    const proto = fakeProto();
    expect(tagRequests(proto)).toBe(1);
    const props = new proto.CreateRequest(URN, { jobName: "orders" }).getProperties().toJavaScript();
    expect(props).toEqual({ jobName: "orders" });
    expect(forRequestOf(props, () => currentUrn())).toBe(URN);
    expect(forRequestOf({ jobName: "orders" }, () => currentUrn())).toBeUndefined();
    expect(currentUrn()).toBeUndefined();
  });

  it("keeps concurrent handlers apart across awaits and timers", async () => {
    const proto = fakeProto();
    tagRequests(proto);
    const a = new proto.CreateRequest(URN, {}).getProperties().toJavaScript();
    const b = new proto.CreateRequest(OTHER, {}).getProperties().toJavaScript();
    const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const urnAfter = async (ms: number) => {
      await later(ms);
      return currentUrn();
    };
    const seen = await Promise.all([forRequestOf(a, () => urnAfter(20)), forRequestOf(b, () => urnAfter(5))]);
    expect(seen).toEqual([URN, OTHER]);
  });

  it("wraps @pulumi/pulumi's Create, Update and Delete requests, once", () => {
    expect(tagRequests(providerProto)).toBe(3);
    expect(tagRequests(providerProto)).toBe(3);
    const req = new providerProto.UpdateRequest();
    req.setUrn(URN);
    req.setNews(structProto.Struct.fromJavaScript({ streamName: "clicks" }));
    const news = req.getNews().toJavaScript();
    expect(news).toEqual({ streamName: "clicks" });
    expect(forRequestOf(news, () => currentUrn())).toBe(URN);
  });

  it("leaves a module without those classes alone", () => {
    expect(tagRequests({})).toBe(0);
    expect(tagRequests({ CreateRequest: class {} })).toBe(0);
  });
});

describe("progressPrinter", () => {
  it("sends a line about the current resource to the engine, and anything else to the fallback", async () => {
    const sent: [string, string][] = [];
    const printed: string[] = [];
    const print = progressPrinter(
      async (line, urn) => {
        sent.push([line, urn]);
        return true;
      },
      (l) => printed.push(l),
    );
    const proto = fakeProto();
    tagRequests(proto);
    const props = new proto.CreateRequest(URN, {}).getProperties().toJavaScript();
    forRequestOf(props, () => print("orders: still Init"));
    print("not about a resource");
    await new Promise((r) => setImmediate(r));
    expect(sent).toEqual([["orders: still Init", URN]]);
    expect(printed).toEqual(["not about a resource"]);
  });

  it("falls back when the engine does not take the line, or when there is no engine", async () => {
    const printed: string[] = [];
    const proto = fakeProto();
    tagRequests(proto);
    const props = new proto.CreateRequest(URN, {}).getProperties().toJavaScript();
    forRequestOf(props, () =>
      progressPrinter(
        async () => false,
        (l) => printed.push(l),
      )("refused"),
    );
    forRequestOf(props, () => progressPrinter(undefined, (l) => printed.push(l))("no engine"));
    await new Promise((r) => setImmediate(r));
    expect(printed.sort()).toEqual(["no engine", "refused"]);
  });
});

describe("engineLogAt, against a loopback engine", () => {
  const received: { severity: number; message: string; urn: string; ephemeral: boolean }[] = [];
  const server = new grpc.Server();
  let target = "";

  beforeAll(async () => {
    server.addService(engineGrpc.EngineService, {
      log: (call: { request: InstanceType<typeof engineProto.LogRequest> }, done: (e: null, r: unknown) => void) => {
        const r = call.request;
        received.push({ severity: r.getSeverity(), message: r.getMessage(), urn: r.getUrn(), ephemeral: r.getEphemeral() });
        done(null, new emptyProto.Empty());
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    target = `127.0.0.1:${port}`;
  });
  afterAll(() => server.forceShutdown());

  const modules: EngineModules = { grpc, engineGrpc, engineProto };

  it("sends an INFO message with the URN, ephemeral, and resolves true", async () => {
    expect(await engineLogAt(target, modules)("orders: still Init, waiting for Running (5s of 300s)", URN)).toBe(true);
    expect(received).toEqual([
      { severity: engineProto.LogSeverity.INFO, message: "orders: still Init, waiting for Running (5s of 300s)", urn: URN, ephemeral: true },
    ]);
  });

  it("resolves false when no engine answers", async () => {
    const gone = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      gone.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    gone.forceShutdown();
    expect(await engineLogAt(`127.0.0.1:${port}`, modules)("lost", URN)).toBe(false);
  });
});
