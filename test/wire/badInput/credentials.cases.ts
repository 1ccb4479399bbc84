import { CredentialsNotFoundError, DirectMailServiceError } from "../../../client";
import { Case, clientRows } from "./support";

/** Credentials the client must refuse (before any request, unless only the service can tell). */
export const CASES: Case[] = clientRows([
  {
    options: { credentials: { accessKeyId: "only-the-id", env: {} } },
    error: "explicit credentials are incomplete: set both directmail:accessKeyId and directmail:accessKeySecret (only accessKeyId is set)",
    type: CredentialsNotFoundError,
  },
  {
    options: { credentials: { env: {}, profileFile: "/nonexistent/config.json" } },
    error: "no DirectMail credentials found. Looked in:",
    type: CredentialsNotFoundError,
  },
  {
    options: { credentials: { accessKeyId: "{key}", accessKeySecret: "wrong-secret-4242", env: {} } },
    error: "SignatureDoesNotMatch",
    type: DirectMailServiceError,
  },
]);
