import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MailTag, ReceiverList, ReceiverListMember } from "pulumi-directmail";

// The members live in members.csv beside this program: one line per member, the first line naming
// the columns (email, then any of userName, nickName, gender, birthday, mobile). Edit the file and
// run `pulumi up`: only the members added, changed or removed are sent to DirectMail.
function readMembers(file: string): ReceiverListMember[] {
  const [header, ...lines] = readFileSync(join(__dirname, file), "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const columns = header.split(",").map((c) => c.trim());
  return lines.map((line) => {
    const cells = line.split(",");
    const member: Record<string, string> = {};
    columns.forEach((column, i) => {
      const value = (cells[i] ?? "").trim();
      if (value !== "") member[column] = value;
    });
    // The check at preview names any column that is not a member field.
    return member as unknown as ReceiverListMember;
  });
}

const list = new ReceiverList("newsletter", {
  receiversName: "newsletter",
  receiversAlias: "newsletter@example.com",
  description: "the monthly newsletter",
  // A secret: encrypted in the state, [secret] in every diff.
  members: readMembers("members.csv"),
});

// The tag the newsletter's mail is sent with (SingleSendMail's TagName, SMTP's X-AliDM-Trace), so its
// deliveries can be told apart in DirectMail's statistics.
const tag = new MailTag("newsletter", { tagName: "newsletter", tagDescription: "the monthly newsletter" });

// What BatchSendMail needs (ReceiversName), and how many members DirectMail counts.
export const tagName = tag.tagName;
export const receiversName = list.receiversName;
export const receiverId = list.receiverId;
export const memberCount = list.memberCount;
