import { randomUUID } from "node:crypto";

/** Alibaba request ids look like `B4CAF581-2AC7-41AD-8940-D56DF7AADF5B`: an uppercase UUID. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** Huawei's API gateway writes `X-Request-Id` as 32 lowercase hex characters (a UUID without dashes). */
export function newHuaweiRequestId(): string {
  return randomUUID().replace(/-/g, "");
}
