import { combineActions } from "../gateway/actions";
import { ADDRESS_ACTIONS } from "./addresses/responses";
import { DOMAIN_ACTIONS } from "./domains/responses";
import { NOTIFY_URL_ACTIONS } from "./notifyUrls/responses";
import { REPLY_VERIFICATION_ACTIONS } from "./replyVerification/responses";
import { RECEIVER_ACTIONS } from "./receivers/responses";
import { TAG_ACTIONS } from "./tags/responses";
import { SENDING_ACTIONS } from "./sending/responses";

/**
 * The DirectMail actions as the wire sees them, from every area's responses
 * module: which parameters each takes, how they are checked, and the exact
 * response body (PascalCase keys, the lowercase `data` list wrapper, numbers
 * for ids, statuses and counts; the dialect may write those as strings).
 */
export const DIRECTMAIL_ACTIONS = combineActions(
  ADDRESS_ACTIONS,
  REPLY_VERIFICATION_ACTIONS,
  NOTIFY_URL_ACTIONS,
  DOMAIN_ACTIONS,
  RECEIVER_ACTIONS,
  TAG_ACTIONS,
  SENDING_ACTIONS,
);
