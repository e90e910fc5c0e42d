/**
 * IAM token issuing (docs/vendors/huawei-signing.md#iam-token): `POST /v3/auth/tokens` with the password
 * method and a project scope answers 201 with the token in `X-Subject-Token`. The router lets this
 * one route through without credentials, since it is how a caller gets them.
 *
 * Only what the clients use is emulated: the password method, for a user named with its domain,
 * scoped to a project by id or by name (the region). Domain-scoped and unscoped tokens, user ids,
 * MFA and the other methods are answered 400.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { TokenStore } from "../auth/huawei";
import { iamErrors } from "../errors/huawei";
import type { HuaweiProject, Inventory } from "../inventory";
import type { HuaweiService } from "../routers/huawei-rest";

export interface IamServiceOptions {
  readonly inventory: Inventory;
  readonly tokens: TokenStore;
}

const nonEmpty = z.string().min(1);

/** Keystone ignores fields it does not know, so these objects are not strict. */
const tokenRequest = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()).min(1),
      password: z
        .object({
          user: z.object({ name: nonEmpty, password: z.string(), domain: z.object({ name: nonEmpty }) }),
        })
        .optional(),
    }),
    scope: z.object({
      project: z.object({ id: nonEmpty.optional(), name: nonEmpty.optional() }),
    }),
  }),
});

/** Stable ids from names, so the same user and domain get the same ids across restarts. */
function idOf(entity: "domain" | "user" | "role", name: string): string {
  return createHash("sha256").update(`${entity}:${name}`).digest("hex").slice(0, 32);
}

/** IAM writes times with microseconds: `2024-05-16T11:46:07.123000Z`. */
function iamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "000Z");
}

function samePassword(a: string, b: string): boolean {
  // Compared as digests so neither the length nor the content leaks through timing.
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

export function createIamService(opts: IamServiceOptions): HuaweiService {
  const { inventory, tokens } = opts;

  function scopedProject(scope: { id?: string | undefined; name?: string | undefined }): HuaweiProject {
    if (scope.id === undefined && scope.name === undefined) throw iamErrors.badRequest("auth.scope.project needs an id or a name.");
    const project =
      scope.id !== undefined ? inventory.huawei.projects.find((p) => p.id === scope.id) : inventory.huawei.projects.find((p) => p.region === scope.name);
    if (project === undefined || (scope.name !== undefined && project.region !== scope.name)) {
      throw iamErrors.projectNotFound(scope.id ?? scope.name ?? "");
    }
    return project;
  }

  return {
    product: "iam",
    label: "iam v3",
    secretFields: ["password"],
    errors: { invalidParameter: (field, reason) => iamErrors.badRequest(`${field} ${reason}`), internal: iamErrors.internal },
    routes: [
      {
        method: "POST",
        path: "/v3/auth/tokens",
        operation: "KeystoneCreateUserTokenByPassword",
        auth: "none",
        query: ["nocatalog"],
        handle(call) {
          const parsed = tokenRequest.safeParse(call.body ?? {});
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw iamErrors.badRequest(`Invalid input for field ${issue?.path.join(".") || "(body)"}: ${issue?.message ?? "invalid"}.`);
          }
          const { identity, scope } = parsed.data.auth;
          if (!identity.methods.includes("password") || identity.password === undefined) {
            throw iamErrors.badRequest(
              'The emulator issues tokens for the "password" method only: set auth.identity.methods to ["password"] and fill auth.identity.password.',
            );
          }
          const given = identity.password.user;
          const user = inventory.huawei.users.find((u) => u.domain === given.domain.name && u.name === given.name);
          // One answer for an unknown user and a wrong password, as IAM gives, so names cannot be probed.
          if (user === undefined || !samePassword(user.password, given.password)) throw iamErrors.wrongPassword();
          const project = scopedProject(scope.project);
          const { token, issued } = tokens.issue({ projectId: project.id, user: `${user.domain}/${user.name}`, issuedAt: call.now });
          const domain = { id: idOf("domain", user.domain), name: user.domain };
          return {
            status: 201,
            headers: { "x-subject-token": token },
            body: {
              token: {
                expires_at: iamTime(issued.expiresAt),
                issued_at: iamTime(issued.issuedAt),
                methods: ["password"],
                project: { id: project.id, name: project.region, domain },
                user: { id: idOf("user", issued.user), name: user.name, domain, password_expires_at: "" },
                // [inferred] The role a deployer account typically holds.
                roles: [{ id: idOf("role", "te_admin"), name: "te_admin" }],
                // The emulator has no service catalog; clients are pointed at endpoints explicitly.
                catalog: [],
              },
            },
          };
        },
      },
    ],
  };
}
