import { runMainJob } from "../../scripts/main";

test("the main job (npm start) deploys Pulumi.yaml, finds and fixes drift, and cleans up", async () => {
  const lines: string[] = [];
  const result = await runMainJob((line) => lines.push(line));
  expect(result).toEqual({ created: 5, driftFound: 1, driftFixed: 1, leftAfterDestroy: 0 });
  const text = lines.join("\n");
  expect(text).toContain(`replyAddress is now "intruder@example.org"`);
  expect(text).toContain("smtp smtpdm-ap-southeast-1.aliyun.com");
  expect(text).not.toMatch(/NOreply2024x|NEwsletter77|ALerts2024yz/);
});
