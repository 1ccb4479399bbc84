import Dm from "@alicloud/dm20151123";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import type { RawTarget } from "./rawRequest";

/**
 * The official DirectMail SDK pointed at an emulator over loopback: the
 * outside reading of the wire that every action the emulator speaks is
 * cross-checked with.
 */
export function officialSdk(target: RawTarget, options: { secret?: string; signatureAlgorithm?: string } = {}): Dm {
  return new Dm(
    new $OpenApiUtil.Config({
      accessKeyId: target.accessKey.id,
      accessKeySecret: options.secret ?? target.accessKey.secret,
      endpoint: new URL(target.url).host,
      protocol: "http",
      regionId: "cn-hangzhou",
      signatureAlgorithm: options.signatureAlgorithm,
    }),
  );
}
