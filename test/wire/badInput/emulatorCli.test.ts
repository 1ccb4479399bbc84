import { CASES } from "./emulatorCli.cases";
import { runMatrix } from "./support";

runMatrix(CASES);
