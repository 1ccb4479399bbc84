import { CASES } from "./receivers.cases";
import { runMatrix } from "./support";

runMatrix(CASES);
