import { API_VERSION, REGIONS } from "../../client/apiFacts";
import { Dialect, errorInDialect, inDialect } from "../dialect";
import type { AccessKey } from "../gateway/auth";
import type { RpcService } from "../gateway/pipeline";
import { DIRECTMAIL_ACTIONS } from "./actions";
import type { DirectMailContext, DirectMailModels, DirectMailSwitch } from "./context";

/**
 * DirectMail as the gateway pipeline sees it: its version, regions, actions
 * and dialect. `modelsOf` gives the models of the caller's account (a key's
 * account: several accounts can sit behind one emulator).
 */
export function directMailService(
  modelsOf: (caller?: AccessKey) => DirectMailModels,
  dialect: Dialect,
  switchedOff: ReadonlySet<DirectMailSwitch>,
): RpcService<DirectMailContext, DirectMailSwitch> {
  return {
    product: "Dm",
    host: "dm.aliyuncs.com",
    version: API_VERSION,
    regions: REGIONS,
    actions: DIRECTMAIL_ACTIONS,
    switchedOff,
    context: (region, params, caller) => ({ models: modelsOf(caller), region, params, dialect }),
    renderBody: (body) => inDialect(body, dialect),
    renderError: (error) => errorInDialect(error, dialect),
  };
}
