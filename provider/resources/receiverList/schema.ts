import { accountRef, count, flag, region, text } from "../../schema/propertyTypes";
import { defineSchema, PropertyType, TypesOf } from "../../schema/schema";
import { addressProblem } from "../../schema/validation";
import { receiverMembers } from "./memberRules";

/** CreateReceiver's documented rules. */
const MAX_NAME = 30;
/** "less than 30 characters" (the English page says "up to 30"): the stricter reading. */
const MAX_ALIAS = 29;
/** Undocumented; Terraform's rule. */
const MAX_DESCRIPTION = 50;

function boundedText(label: string, rule: string, problem: (v: string) => string | undefined): PropertyType<string> {
  return {
    label,
    rule,
    isAbsent: (v) => v === undefined || v === null || v === "",
    parse(value, shown) {
      if (typeof value !== "string") return { problems: [`must be a string, not ${typeof value}`] };
      const found = problem(value);
      return found ? { problems: [`${shown} ${found}`] } : { value };
    },
  };
}

const receiversName = boundedText("string", `1-${MAX_NAME} characters, unique in the account`, (v) =>
  v.length > MAX_NAME ? `must be at most ${MAX_NAME} characters (it has ${v.length})` : undefined,
);
const receiversAlias = boundedText("string", `an email address of less than 30 characters`, (v) =>
  v.length > MAX_ALIAS ? `must be less than 30 characters (it has ${v.length})` : addressProblem(v),
);
const description = boundedText("string", `at most ${MAX_DESCRIPTION} characters`, (v) =>
  v.length > MAX_DESCRIPTION ? `must be at most ${MAX_DESCRIPTION} characters (it has ${v.length})` : undefined,
);

/** Every property of a ReceiverList, declared once. DirectMail has no action that changes a list: everything but the members replaces it. */
export const receiverListSchema = defineSchema({
  name: "ReceiverList",
  inputs: {
    receiversName: {
      type: receiversName,
      required: true,
      onChange: "replace",
      doc: "the list's name; BatchSendMail names a list by it",
    },
    receiversAlias: {
      type: receiversAlias,
      required: true,
      onChange: "replace",
      doc: "the list's alias, an email address (DirectMail only shows it)",
    },
    description: { type: description, onChange: "replace", doc: "a description (CreateReceiver's `Desc`)" },
    region: { type: region, onChange: "replace", fallback: "configuredRegion", doc: "the DirectMail region of the list" },
    account: {
      type: accountRef,
      onChange: "replace",
      doc: 'the account it lives in, named without a credential: `{ profile: "prod" }` (an Alibaba CLI profile) or `{ roleArn }` (a role assumed with the default credentials); left out, the default credentials\' account. Another account is a replacement',
    },
    adopt: {
      type: flag,
      onChange: "state",
      doc: "take over an existing list with this name instead of failing (its members are then made to match `members`, when given)",
    },
    members: {
      type: receiverMembers,
      onChange: "update",
      secret: true,
      unmanagedWhenOmitted: true,
      doc: "the members, kept in step: added or changed ones saved, removed ones deleted; `variables` are a member's template variables (write-only where DirectMail does not give them back). Secret (personal data)",
    },
  },
  outputs: {
    receiverId: { type: text, doc: "DirectMail's id, also the resource id" },
    adopted: { type: flag, doc: "true when the list existed and was taken over" },
    memberCount: { type: count, doc: "the members DirectMail counts in the list (not secret)" },
    createTime: { type: text, doc: "as DirectMail reports it" },
  },
  identity: ["receiversName", "account"],
  clash: "list names are unique in an account",
});

type Types = TypesOf<typeof receiverListSchema>;
export type ReceiverListArgs = Types["args"];
export type ReceiverListInputs = Types["inputs"];
export type ReceiverListOutputs = Types["outputs"];
