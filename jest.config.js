// Three projects so a layer can be run alone (`npm test -- --selectProjects unit`):
// unit (pure functions), wire (client, emulator and official SDK over loopback),
// e2e (the real Pulumi engine).
const common = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }] },
  // Examples import the package by name, as users do; in tests that is the source.
  moduleNameMapper: { "^pulumi-directmail$": "<rootDir>/provider/index.ts" },
};

module.exports = {
  // The machine's own Alibaba Cloud variables and CLI profile stay out of every test (see the file).
  globalSetup: "<rootDir>/test/support/isolatedEnv.js",
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/test/unit/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/test/support/timeout.unit.ts"],
    },
    {
      ...common,
      displayName: "wire",
      testMatch: ["<rootDir>/test/wire/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/test/support/timeout.wire.ts"],
    },
    {
      ...common,
      displayName: "e2e",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/test/support/timeout.e2e.ts"],
      slowTestThreshold: 120,
    },
  ],
};
