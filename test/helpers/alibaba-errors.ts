/** What an emulator handler threw, as status, code and message; fails when it did not throw. */
import { AlibabaError } from "../../emulator/errors/alibaba";

export function failure(fn: () => unknown): { status: number; code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlibabaError) return { status: e.status, code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a failure");
}
