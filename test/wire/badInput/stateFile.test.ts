import { CASES } from "./stateFile.cases";
import { runMatrix } from "./support";

runMatrix(CASES);
