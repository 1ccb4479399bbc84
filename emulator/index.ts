export { startEmulator, DEFAULT_ACCESS_KEY, API_VERSION } from "./server";
export type { EmulatorOptions, RunningEmulator, RequestRecord } from "./server";
export type { AccessKey } from "./auth";
export type { FaultKind, FaultOptions, FaultRates } from "./faults";
export { FaultInjector } from "./faults";
export type { SentVerificationMail, StoredAddress } from "./models";
export { DirectMailModel, passwordProblem } from "./models";
export { DOCUMENTED_RATE_LIMITS } from "./rateLimits";
export type { RateLimit } from "./rateLimits";
