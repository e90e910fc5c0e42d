/** What a cloud router tells the HTTP server to do with a request. */
export type RouteOutcome =
  | { readonly kind: "respond"; readonly status: number; readonly headers: Record<string, string>; readonly body: unknown }
  /** Cut the connection without answering (a `drop` fault). */
  | { readonly kind: "drop" };
