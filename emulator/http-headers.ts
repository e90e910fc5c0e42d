import type { IncomingHttpHeaders } from "node:http";

/** One header as text; Node gives repeated headers as arrays, which signing treats as comma-joined. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}
