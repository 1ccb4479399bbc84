// Jest's globalSetup: the tests see none of this machine's Alibaba Cloud settings. A developer's
// ALIBABA_CLOUD_* or ALICLOUD_* variables, or their ~/.aliyun/config.json, come earlier in the
// credential chain than the source many tests set up (a credentials URI, an ECS role, none at all),
// and the engine and child processes inherit this process's environment: the tests that pass on
// a clean CI machine would fail on theirs. Set here, in the parent process, so that every test
// file and every process it starts sees the same.
"use strict";

/** A profile file that is never there, in place of ~/.aliyun/config.json. */
const NO_PROFILE_FILE = "/nonexistent/.aliyun/config.json";

module.exports = () => {
  for (const name of Object.keys(process.env)) {
    if (/^(ALIBABA_CLOUD_|ALICLOUD_)/.test(name)) delete process.env[name];
  }
  process.env.ALICLOUD_SHARED_CREDENTIALS_FILE = NO_PROFILE_FILE;
};
