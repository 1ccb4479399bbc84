/** A key to sign requests with, and where it came from. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** Where they came from, for messages; never the values. */
  readonly source: string;
  /** When they stop working (ms since the epoch), for STS keys; absent for long-lived keys. */
  readonly expiresAt?: number;
}

/**
 * Where a client gets its key, asked once per attempt: a source whose keys
 * rotate (an STS session, an ECS role) hands out the current one, refreshed
 * before it expires, and never an expired one.
 */
export interface CredentialSource {
  /** The source as messages name it: `environment variables`, `profile "ci" in ~/.aliyun/config.json`, ... */
  readonly name: string;
  /**
   * Whose rate budget the requests spend: the account id when the source knows
   * it (a role ARN names it), else a name of the source that stays the same
   * while its keys rotate.
   */
  readonly account: string;
  get(): Promise<Credentials>;
}

/** A role to assume, as AssumeRole and AssumeRoleWithOIDC take it. */
export interface RoleSettings {
  readonly roleArn: string;
  readonly sessionName?: string;
  readonly externalId?: string;
  readonly policy?: string;
  readonly durationSeconds?: number;
}
