/**
 * A fetch for the provider's HuaweiClient (its injectable `fetch`, provider/transport/io.ts) that
 * passes every request on unchanged and records what went over the wire and what came back, so
 * the conformance tests see the client's requests exactly as the cloud would.
 */
import type { WireAnswer, WireRequest } from "./huawei-facts";

export interface Exchange {
  readonly request: WireRequest;
  answer: WireAnswer | undefined;
}

/** Rewrites an answer's body before the client reads it (to steer the client into a branch); undefined keeps it. */
export type AlterAnswer = (request: WireRequest, text: string) => string | undefined;

function headersOf(h: RequestInit["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(h).forEach((v, k) => {
    out[k.toLowerCase()] = v;
  });
  return out;
}

export function recordingFetch(log: Exchange[], alter?: () => AlterAnswer | undefined): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const request: WireRequest = {
      method: (init?.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query: [...url.searchParams.entries()],
      headers: headersOf(init?.headers),
      bodyText: typeof init?.body === "string" ? init.body : "",
    };
    const entry: Exchange = { request, answer: undefined };
    log.push(entry);
    const res = await fetch(url, init);
    const received = await res.text();
    const text = alter?.()?.(request, received) ?? received;
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    entry.answer = { status: res.status, headers, text };
    return new Response(text === "" ? null : text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
