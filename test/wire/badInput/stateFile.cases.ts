import { Case } from "./support";

/** Emulator state files it must refuse to load, naming what is wrong. */
export const CASES: Case[] = [
  ["[]", "it is not a JSON object"],
  ['{"regions": []}', '"regions" is not an object'],
  ['{"regions": {"cn-hangzhou": {"addresses": "x"}}, "tickets": []}', 'region "cn-hangzhou" has no "addresses" list'],
  ['{"regions": {}, "tickets": {}}', '"tickets" is not a list'],
  ["null", "it is not a JSON object"],
  ['{"tickets": []}', '"regions" is not an object'],
  [
    '{"regions": {"cn-hangzhou": {"addresses": [], "notifyUrls": {}, "deletions": {}, "domains": [{"id": "1"}]}}, "tickets": []}',
    'region "cn-hangzhou" has a "domains" entry that is not a list of domains',
  ],
].map(([content, problem]): Case => ({ layer: "state file", content, problem }));
