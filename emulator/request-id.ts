import { randomUUID } from "node:crypto";

/** Alibaba request ids look like `B4CAF581-2AC7-41AD-8940-D56DF7AADF5B`: an uppercase UUID. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}
