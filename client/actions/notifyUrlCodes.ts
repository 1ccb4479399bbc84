import { CodeTable } from "../codeInfo";

/** The notify URL's codes. */
export const NOTIFY_URL_CODES: CodeTable = {
  "InvalidNotifyUrl.Malformed": {
    kind: "invalid-input",
    // The URL is not repeated: webhook URLs often carry tokens.
    hint: () => "notifyUrl was rejected; it must be an http(s) URL that DirectMail can reach",
  },
};
