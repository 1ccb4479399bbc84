// Entry point of the root Pulumi.yaml (`main: dist/program/index.js`).
import { program } from "./senders";

export = program();
