// Three projects so a layer can be run alone (`npm test -- --selectProjects unit`):
// unit (pure functions), wire (client, emulator and official SDK over loopback),
// e2e (the real Pulumi engine).
const common = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }] },
};

module.exports = {
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/test/unit/**/*.test.ts"], testTimeout: 10_000 },
    { ...common, displayName: "wire", testMatch: ["<rootDir>/test/wire/**/*.test.ts"], testTimeout: 60_000 },
    { ...common, displayName: "e2e", testMatch: ["<rootDir>/test/e2e/**/*.test.ts"], testTimeout: 600_000, slowTestThreshold: 120 },
  ],
};
