/** The credential chain's public face: the types, the chain and its sources' names. */
export type { Credentials, CredentialSource, RoleSettings } from "./types";
export { credentialChain } from "./chain";
export type { CredentialInputs } from "./chain";
export { ENV as CREDENTIAL_ENV, firstEnv } from "./environment";
export { PROFILE_MODES } from "./profileFile";
export { REFRESH_BEFORE_MS, SessionCache } from "./session";
export { resolveStsEndpoint } from "./stsEndpoint";
export { MAX_DURATION_SECONDS, MIN_DURATION_SECONDS } from "./roleRules";
