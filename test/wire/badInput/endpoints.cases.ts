import { EndpointError } from "../../../client";
import { Case, clientRows } from "./support";

/** Where the client sends: regions and endpoint URLs it must refuse before any request. */
export const CASES: Case[] = clientRows([
  {
    options: { region: "cn-beijing", endpoint: undefined },
    error: 'region "cn-beijing" has no known DirectMail endpoint',
    type: EndpointError,
  },
  { options: { endpoint: "http://dm.example.com" }, error: "uses plain http", type: EndpointError },
  { options: { endpoint: "ftp://dm.example.com" }, error: "must use https", type: EndpointError },
  { options: { endpoint: "http://user:hunter2@dm.example.com" }, error: "uses plain http", type: EndpointError },
]);
