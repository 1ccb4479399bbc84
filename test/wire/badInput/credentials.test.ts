import { CASES } from "./credentials.cases";
import { runMatrix } from "./support";

runMatrix(CASES);
