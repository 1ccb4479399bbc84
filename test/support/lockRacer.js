// A process that takes the state lock once (from dist/, as a real emulator
// process would), writes its entry and exit to a shared log, and dies while
// still holding the lock: the next racers must take over a dead process's lock.
// Used by test/wire/stateLock.test.ts. Arguments: <lock path> <log path> [hold <ms>]:
// with "hold", it says "held" on stdout, holds the lock that long, and releases it.
"use strict";
const { appendFileSync } = require("node:fs");
const { join } = require("node:path");
const { setTimeout: sleep } = require("node:timers/promises");
const { FileLock } = require(join(__dirname, "../../dist/emulator/state/fileLock.js"));

const [lockPath, logPath, mode, ms] = process.argv.slice(2);
const lock = new FileLock(lockPath, 60_000);
if (mode === "hold") {
  void lock.run(async () => {
    process.stdout.write("held\n");
    await sleep(Number(ms));
  });
} else {
  void lock.run(async () => {
    appendFileSync(logPath, `enter ${process.pid}\n`);
    await sleep(3);
    appendFileSync(logPath, `exit ${process.pid}\n`);
    // Dies holding the lock: no release runs.
    process.exit(0);
  });
}
