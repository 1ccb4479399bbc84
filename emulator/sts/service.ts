import { REGIONS } from "../../client/apiFacts";
import type { RpcService } from "../gateway/pipeline";
import type { StsModels } from "./models";
import { STS_ACTIONS, StsContext } from "./responses";

/** STS's API version. */
export const STS_API_VERSION = "2015-04-01";

/** STS as the gateway pipeline sees it: the same pipeline (auth, faults, limits, the request log) as DirectMail's. */
export function stsService(models: StsModels): RpcService<StsContext> {
  return {
    product: "Sts",
    host: "sts.aliyuncs.com",
    version: STS_API_VERSION,
    regions: REGIONS,
    actions: STS_ACTIONS,
    switchedOff: new Set(),
    context: (_region, params, caller) => ({ models, params, caller }),
    renderBody: (body) => body,
    renderError: (error) => error,
  };
}
