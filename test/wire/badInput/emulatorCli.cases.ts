import { Case } from "./support";

/** The emulator's command line: options it must refuse (exit 2, nothing on stdout). */
export const CASES: Case[] = (
  [
    [["--address-limit", "ten"], '--address-limit must be a whole number (0 or more), not "ten"'],
    [["--monthly-delete-limit=-1"], "--monthly-delete-limit must be a whole number"],
    [["--port", "8o80"], "--port must be a whole number"],
    [["--seed", "1.5"], "--seed must be a whole number"],
    [["--latency-ms", "50-10"], "--latency-ms must be N or MIN-MAX"],
    [["--throttle-rate", "lots"], "--throttle-rate must be a number between 0 and 1"],
    [["--drop-rate", "1.5"], "--drop-rate must be a number between 0 and 1"],
    [["--access-key", "no-colon"], "--access-key must be ID:SECRET"],
    [["--access-key", "id:"], "--access-key must be ID:SECRET"],
    [["--access-key-file", "/nonexistent/keys"], "--access-key-file /nonexistent/keys: no such file"],
    [["--dialect", "passwordRepeat=sometimes"], "--dialect passwordRepeat must be one of equalcurrent, malformed, domain"],
    [["--no-such-option"], "Unknown option '--no-such-option'"],
    [["list", "mailboxes", "--state", "x.json"], "list: use `list addresses|domains|tickets --state FILE`"],
    [["list", "addresses"], "list: --state FILE is required"],
    [["list", "tickets", "--state", "/nonexistent/directmail-state.json"], "no emulator state file at /nonexistent/directmail-state.json"],
    [
      ["dns", "publish", "mail.example.net", "--state", "/nonexistent/directmail-state.json"],
      "no emulator state file at /nonexistent/directmail-state.json",
    ],
  ] as Array<[string[], string]>
).map(([args, message]) => ({ layer: "emulator CLI", args, message }));
