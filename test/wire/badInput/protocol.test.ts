import { CASES } from "./protocol.cases";
import { runMatrix } from "./support";

runMatrix(CASES);
