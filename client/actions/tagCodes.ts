import { CodeTable, region } from "../codeInfo";

/**
 * Mail tags' codes (Create/Modify/Delete/QueryTagByParam). Only
 * InvalidKeyword.Malformed is documented; the others are the plausible ones
 * (UNCONFIRMED; see client/actions/tags.ts).
 */
export const TAG_CODES: CodeTable = {
  "InvalidTagName.Malformed": {
    kind: "invalid-input",
    hint: (c) => `tagName "${c.TagName ?? ""}" was refused: DirectMail documents 1-128 letters, digits and underscores (older pages: 1-50)`,
  },
  "InvalidTagName.Duplicate": {
    kind: "conflict",
    hint: (c) => `a tag named "${c.TagName ?? ""}" already exists in ${region(c)}; set adopt: true to take it over`,
  },
  "InvalidTagNumber.Malformed": {
    kind: "quota",
    hint: () => "the account already has the maximum number of tags (10, as DirectMail documents); delete one or adopt an existing one",
  },
  "InvalidTag.NotFound": { kind: "not-found", hint: (c) => `no tag has id ${c.TagId ?? "?"}` },
  "InvalidTagId.NotFound": { kind: "not-found", hint: (c) => `no tag has id ${c.TagId ?? "?"}` },
  "InvalidTagId.Malformed": { kind: "not-found", hint: (c) => `no tag has id ${c.TagId ?? "?"}` },
  "InvalidKeyword.Malformed": { kind: "invalid-input", hint: (c) => `keyWord "${c.KeyWord ?? ""}" was refused (1-50 characters)` },
};
