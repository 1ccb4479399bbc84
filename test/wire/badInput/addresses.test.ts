import { CASES } from "./addresses.cases";
import { runMatrix } from "./support";

runMatrix(CASES);
