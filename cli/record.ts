/**
 * The promotion record: what a promotion put into a stack, kept as stack tags (the local file
 * backend and the Pulumi Cloud both store them, and `pulumi stack tag ls` shows them): the
 * revision, the fingerprint of the stack's resources after the update, the source stack and its
 * fingerprint, and when. Tags keep it beside the stack without touching the program or its outputs.
 */
import type { Stack, TagMap } from "@pulumi/pulumi/automation";

export const RECORD_TAGS = {
  revision: "streamjobs:revision",
  fingerprint: "streamjobs:fingerprint",
  source: "streamjobs:source",
  sourceFingerprint: "streamjobs:source-fingerprint",
  promotedAt: "streamjobs:promoted-at",
} as const;

export type PromotionRecord = { readonly [K in keyof typeof RECORD_TAGS]: string };

export function recordTags(record: PromotionRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(RECORD_TAGS).map(([field, tag]) => [tag, record[field as keyof PromotionRecord]]));
}

/** The record the tags hold, or undefined when any part is missing (never promoted into). */
export function recordOf(tags: TagMap): PromotionRecord | undefined {
  const entries = Object.entries(RECORD_TAGS).map(([field, tag]) => [field, tags[tag]] as const);
  if (entries.some(([, v]) => typeof v !== "string" || v === "")) return undefined;
  return Object.fromEntries(entries) as PromotionRecord;
}

export async function writeRecord(stack: Stack, record: PromotionRecord): Promise<void> {
  for (const [tag, value] of Object.entries(recordTags(record))) await stack.setTag(tag, value);
}

export async function readRecord(stack: Stack): Promise<PromotionRecord | undefined> {
  return recordOf(await stack.listTags());
}
