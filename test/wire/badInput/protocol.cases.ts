import { REQUEST_LIMITS } from "../../../emulator/gateway/limits";
import { Case, wireRows } from "./support";

const query = { Action: "QueryMailAddressByParam" };
/** Extra parameters enough to pass the bound, the signed envelope (10) included. */
const extras = Object.fromEntries(Array.from({ length: REQUEST_LIMITS.params - 9 }, (_, i) => [`Extra${i}`, "x"]));

/** The RPC envelope every action shares: action names, version, format, region, signature, timestamp. */
export const CASES: Case[] = [
  ...["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "__defineGetter__"].map((name): Case => ({
    layer: "emulator",
    params: { Action: name },
    status: 404,
    code: "InvalidAction.NotFound",
  })),
  ...wireRows([
    [{ Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", Version: "2017-06-22" }, 400, "InvalidVersion"],
    [{ Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", Format: "YAML" }, 400, "InvalidParameter.Format"],
    [{ Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", RegionId: "mars-1" }, 400, "InvalidParameter"],
    [
      { Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", AccessKeyId: "nobody" },
      404,
      "InvalidAccessKeyId.NotFound",
    ],
    [
      { Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", SignatureMethod: "HMAC-SHA256" },
      400,
      "InvalidSignatureMethod",
    ],
    [{ Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", SignatureVersion: "2.0" }, 400, "IncompleteSignature"],
    [
      { Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", Timestamp: "yesterday" },
      400,
      "InvalidTimeStamp.Format",
    ],
    [
      { Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", Timestamp: "2020-01-01T00:00:00Z" },
      400,
      "InvalidTimeStamp.Expired",
    ],
    // The request bounds (emulator/gateway/limits.ts); the 413 for a body past 1 MiB is in wire/requestLimits.test.ts.
    [{ ...query, ...extras }, 400, "InvalidParameter"],
    [{ ...query, ["N".repeat(REQUEST_LIMITS.nameChars + 1)]: "x" }, 400, "InvalidParameter"],
    [{ ...query, KeyWord: "k".repeat(REQUEST_LIMITS.valueChars + 1) }, 400, "InvalidParameter"],
    [{ ...query, SignatureNonce: "n".repeat(REQUEST_LIMITS.nonceChars + 1) }, 400, "InvalidParameter"],
  ]),
];
